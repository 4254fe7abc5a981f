using System.Globalization;
using System.Net;

namespace NetGearSharp.Cli;

/// <summary>Where <c>--web</c> serves the live page: an address (127.0.0.1 unless given) and a TCP port (0: any free one).</summary>
/// <param name="Address">An IP address, <c>localhost</c>, or <c>*</c> for every interface.</param>
/// <param name="Port">The TCP port, 0-65535.</param>
internal sealed record WebEndpoint(string Address, int Port)
{
    /// <summary>The address when none is given: this machine only.</summary>
    public const string DefaultAddress = "127.0.0.1";

    /// <summary>Parses <c>[ADDR:]PORT</c>: <c>8080</c>, <c>0.0.0.0:8080</c>, <c>*:8080</c>, <c>[::1]:8080</c>.</summary>
    /// <exception cref="UsageException">The text is not of that form; the message names <paramref name="option"/>.</exception>
    public static WebEndpoint Parse(string? text, string option)
    {
        const string Form = "write [ADDR:]PORT such as 8080, 127.0.0.1:8080 or *:8080 (every interface)";
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException(option, $"no port given; {Form}.");
        text = text.Trim();
        var colon = text.LastIndexOf(':');
        var address = colon < 0 ? DefaultAddress : text[..colon];
        var portText = colon < 0 ? text : text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new UsageException(option, (portText == text ? $"'{text}' is not a port 0-65535; {Form}." : $"'{portText}' in '{text}' is not a port 0-65535; {Form}."));
        if (address is not ("*" or "localhost") && !IPAddress.TryParse(address.Trim('[', ']'), out _))
            throw new UsageException(option, $"'{address}' in '{text}' is not an IP address, localhost or *; {Form}.");
        return new WebEndpoint(address, port);
    }
}
