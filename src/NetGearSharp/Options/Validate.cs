using System.Globalization;

namespace NetGearSharp;

/// <summary>Shared argument checks with messages that name the bad value and what is allowed.</summary>
internal static class Validate
{
    public static int Port(int port, string name)
    {
        if (port is < 1 or > 65535)
            throw new ArgumentException($"{name} {port} is outside the allowed range 1-65535.", name);
        return port;
    }

    public static string Address(string? address, NetGearProtocol protocol, bool bind, string name)
    {
        if (string.IsNullOrWhiteSpace(address))
            throw new ArgumentException($"{name} is empty; give a host name or an IP address{(bind ? ", or * for all interfaces" : "")}.", name);
        if (address.Contains("://", StringComparison.Ordinal) || address.Any(char.IsWhiteSpace) || address.Contains('\0'))
            throw new ArgumentException($"{name} '{address}' is not valid: give a bare host name or IP address (no protocol, spaces or port).", name);
        if (protocol == NetGearProtocol.Ipc) return address;
        if (address == "*")
        {
            if (!bind) throw new ArgumentException($"{name} '*' only works for the client (which binds); a server must name the client's host or IP address.", name);
            return address;
        }
        var host = address.StartsWith('[') && address.EndsWith(']') ? address[1..^1] : address;
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            throw new ArgumentException($"{name} '{address}' is not a valid host name or IP address.", name);
        return address;
    }

    public static void Protocol(NetGearProtocol protocol, string name)
    {
        if (!Enum.IsDefined(protocol))
            throw new ArgumentException($"{name} {(int)protocol} is not allowed; use Tcp or Ipc.", name);
    }

    public static void Pattern(NetGearPattern pattern, bool multiServer, string name)
    {
        if (!Enum.IsDefined(pattern))
            throw new ArgumentException($"{name} {(int)pattern} is not allowed; use Pair (0), ReqRep (1) or PubSub (2).", name);
        if (multiServer && pattern == NetGearPattern.Pair)
            throw new ArgumentException($"{name} Pair (0) is not allowed in multi-server mode; use ReqRep (1) or PubSub (2).", name);
    }

    /// <summary>VidGear's rules for its exclusive modes, with messages naming the bad combination.</summary>
    public static void Modes(NetGearPattern pattern, bool multiServer, bool multiClient, bool bidirectional)
    {
        if (multiServer && multiClient)
            throw new ArgumentException("MultiServerMode and MultiClientMode are both true; they cannot be on together (as in VidGear). Set MultiServerMode = false for multi-client mode.", "MultiClientMode");
        if (bidirectional && pattern == NetGearPattern.PubSub)
            throw new ArgumentException("BidirectionalMode is true with Pattern PubSub (2); bidirectional mode needs an answering pattern: Pair (0) or ReqRep (1).", "BidirectionalMode");
        if (multiClient && pattern == NetGearPattern.Pair)
            throw new ArgumentException("MultiClientMode is true with Pattern Pair (0); multi-client mode needs ReqRep (1) or PubSub (2).", "MultiClientMode");
    }

    /// <summary>A heartbeat interval: null (the default), zero (off), or a positive time a socket option can hold.</summary>
    public static void HeartbeatInterval(TimeSpan? value, string name)
    {
        if (value is not { } interval || interval == TimeSpan.Zero) return;
        NotInfinite(interval, name, $"give a positive time of at most {TimeSpan.FromMilliseconds(int.MaxValue)}, or zero to turn heartbeats off");
        if (interval < TimeSpan.Zero || interval > TimeSpan.FromMilliseconds(int.MaxValue))
            throw new ArgumentException($"{name} {interval} must be zero (off) or a positive time of at most {TimeSpan.FromMilliseconds(int.MaxValue)}.", name);
    }

    /// <summary>A time greater than zero that is not infinite (a heartbeat's timeout: libzmq and NetMQ take no "for ever").</summary>
    public static void PositiveFinite(TimeSpan value, string name)
    {
        NotInfinite(value, name, $"give a time greater than zero and at most {TimeSpan.FromMilliseconds(int.MaxValue)} (heartbeats are turned off with HeartbeatInterval = TimeSpan.Zero)");
        if (value <= TimeSpan.Zero || value > TimeSpan.FromMilliseconds(int.MaxValue))
            throw new ArgumentException($"{name} {value} must be a time greater than zero and at most {TimeSpan.FromMilliseconds(int.MaxValue)} (heartbeats are turned off with HeartbeatInterval = TimeSpan.Zero).", name);
    }

    public static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"{name} {value} must be greater than zero.", name);
    }

    /// <summary>A bounded wait: zero (no wait) up to 10 minutes.</summary>
    public static void Wait(TimeSpan value, string name)
    {
        NotInfinite(value, name, "give a time between zero (no wait) and 10 minutes");
        if (value < TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
            throw new ArgumentException($"{name} {value} must be between zero (no wait) and 10 minutes.", name);
    }

    /// <summary>
    /// Refuses <see cref="Timeout.InfiniteTimeSpan"/> by its name where a time must be finite: its value, -1 ms, would
    /// otherwise be reported as a negative time the user never wrote. <paramref name="parameter"/>: the exception's
    /// parameter name where it is not <paramref name="name"/> (an options object checked as a whole).
    /// </summary>
    public static void NotInfinite(TimeSpan value, string name, string allowed, string? parameter = null)
    {
        if (value == Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"{name} cannot be infinite; {allowed}.", parameter ?? name);
    }

    public static void Jpeg(JpegOptions? jpeg, string name)
    {
        if (jpeg is null) throw new ArgumentException($"{name} is null; use JpegOptions.Off to send raw frames.", name);
        if (jpeg.Quality is < 10 or > 100)
            throw new ArgumentException($"{name}.Quality {jpeg.Quality} is outside the allowed range 10-100.", name);
        if (!Enum.IsDefined(jpeg.ColorSpace))
            throw new ArgumentException($"{name}.ColorSpace {(int)jpeg.ColorSpace} is not one of {string.Join(", ", Enum.GetNames<JpegColorSpace>())}.", name);
        if (!Enum.IsDefined(jpeg.Subsampling))
            throw new ArgumentException($"{name}.Subsampling {(int)jpeg.Subsampling} is not one of {string.Join(", ", Enum.GetNames<JpegSubsampling>())}.", name);
        if (!jpeg.Enabled && jpeg != JpegOptions.Off)
            throw new ArgumentException($"{name} sets JPEG settings ({jpeg}) but Enabled is false, so they would be ignored; set Enabled = true (or start from JpegOptions.Default) to compress, or use JpegOptions.Off for raw frames.", name);
    }

    public static void Transport(TransportKind kind, string name)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentException($"{name} {(int)kind} is not allowed; use Auto, NetMq or Native.", name);
    }
}
