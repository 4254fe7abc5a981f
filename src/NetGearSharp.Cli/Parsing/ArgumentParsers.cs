using System.Globalization;
using System.Text.Json;
using NetGearSharp.Bench;

namespace NetGearSharp.Cli;

/// <summary>Parses option values; every failure is a <see cref="UsageException"/> naming the option and what is allowed.</summary>
internal static class ArgumentParsers
{
    /// <summary>Checks a port is 1-65535.</summary>
    public static int Port(int port, string option)
    {
        if (port is < 1 or > 65535) throw new UsageException(option, $"port {port} is outside the allowed range 1-65535.");
        return port;
    }

    /// <summary>Parses a comma-separated port list such as <c>5566,5567</c> (no duplicates).</summary>
    public static IReadOnlyList<int> PortList(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException(option, "no ports given; write a comma-separated list such as 5566,5567.");
        var ports = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                throw new UsageException(option, $"'{part}' is not a port number; write a comma-separated list of ports 1-65535 such as 5566,5567.");
            Port(port, option);
            if (ports.Contains(port)) throw new UsageException(option, $"port {port} is listed twice; every server needs its own port.");
            ports.Add(port);
        }
        return ports;
    }

    /// <summary>
    /// Parses <c>--forwarded-port</c> values, each <c>NAMED=PORT</c> or several comma-separated: the port a server behind a
    /// port forward names (the one it dials), and the port of <paramref name="ports"/> its connections arrive on.
    /// </summary>
    public static IReadOnlyDictionary<int, int> ForwardedPorts(IEnumerable<string> values, IReadOnlyList<int> ports, string option)
    {
        var map = new Dictionary<int, int>();
        var listed = string.Join(",", ports);
        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            var sides = part.Split('=', StringSplitOptions.TrimEntries);
            if (sides.Length != 2
                || !int.TryParse(sides[0], NumberStyles.None, CultureInfo.InvariantCulture, out var named)
                || !int.TryParse(sides[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                throw new UsageException(option, $"'{part}' is not a forward; write NAMED=PORT such as 15566=5566: the port the server names (the one it dials) = the port of --ports its connections arrive on.");
            Port(named, option);
            Port(port, option);
            if (ports.Contains(named))
                throw new UsageException(option, $"'{part}': port {named} is in --ports {listed}; the port on the left is the one the server names that this viewer does not listen on.");
            if (!ports.Contains(port))
                throw new UsageException(option, $"'{part}': port {port} is not in --ports {listed}; the port on the right is the one of --ports its connections arrive on.");
            if (map.ContainsKey(named))
                throw new UsageException(option, $"'{part}': port {named} is forwarded twice; give each named port once.");
            if (map.ContainsValue(port))
                throw new UsageException(option, $"'{part}': port {port} already has a forward; one server per port.");
            map[named] = port;
        }
        return map;
    }

    /// <summary>Parses <c>WIDTHxHEIGHT</c>, each 16 or more (width up to 7680, height up to 4320).</summary>
    public static (int Width, int Height) Size(string text, string option)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            throw new UsageException(option, $"'{text}' is not a size; write WIDTHxHEIGHT such as 640x480.");
        if (w is < 16 or > 7680 || h is < 16 or > 4320)
            throw new UsageException(option, $"size {w}x{h} is outside the allowed range 16x16 to 7680x4320.");
        return (w, h);
    }

    /// <summary>Parses <c>reqrep</c> (pattern 1) or <c>pubsub</c> (pattern 2); also accepts the numbers 1 and 2.</summary>
    public static NetGearPattern Pattern(string text, string option) => OptionWords.Pattern(text)
        ?? throw new UsageException(option, $"'{text}' is not a pattern; allowed: reqrep, pubsub (pair is not allowed with many servers).");

    /// <summary><c>auto</c> (the default: libzmq where it loads, else NetMQ), <c>netmq</c> (managed) or <c>native</c> (the system's libzmq).</summary>
    public static TransportKind Transport(string text, string option) => OptionWords.Transport(text)
        ?? throw new UsageException(option, $"'{text}' is not allowed; use auto, netmq or native.");

    /// <summary>Parses a chroma subsampling: <c>420</c> (also <c>4:2:0</c>), <c>422</c> or <c>444</c>.</summary>
    public static JpegSubsampling Subsampling(string text, string option) => OptionWords.Subsampling(text)
        ?? throw new UsageException(option, $"'{text}' is not allowed; use 420, 422 or 444.");

    /// <summary>The longest time an option takes: a year, in seconds.</summary>
    public const double MaxSeconds = 86_400 * 365;

    /// <summary>Checks a number of seconds is positive (or zero when <paramref name="allowZero"/>), at most <see cref="MaxSeconds"/>.</summary>
    public static TimeSpan Seconds(double seconds, string option, bool allowZero = false)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || (!allowZero && seconds == 0) || seconds > MaxSeconds)
            throw new UsageException(option, string.Create(CultureInfo.InvariantCulture,
                $"{seconds} is not allowed; give a number of seconds {(allowZero ? "from 0" : "greater than 0")} up to {MaxSeconds} (365 days)."));
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Checks an integer lies in a range.</summary>
    public static int Range(int value, int min, int max, string option)
    {
        if (value < min || value > max) throw new UsageException(option, $"{value} is outside the allowed range {min}-{max}.");
        return value;
    }

    /// <summary>The most <c>--max-retries</c> takes as a number (more is <c>forever</c>).</summary>
    public const int MaxRetriesLimit = 1_000_000;

    /// <summary>Parses <c>--max-retries</c>: a count 1-<see cref="MaxRetriesLimit"/>, or <c>forever</c> (<see cref="NetGearServerOptions.RetryForever"/>).</summary>
    public static int MaxRetries(string text, string option)
    {
        if (string.Equals(text.Trim(), "forever", StringComparison.OrdinalIgnoreCase)) return NetGearServerOptions.RetryForever;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxRetriesLimit)
            throw new UsageException(option, $"'{text}' is not allowed; give a number of timeouts in a row 1-{MaxRetriesLimit}, or forever.");
        return count;
    }

    /// <summary>The shortest and the longest <c>--request-timeout</c>, in seconds.</summary>
    public const double MinRequestTimeout = 0.1, MaxRequestTimeout = 3600;

    /// <summary>Checks a request timeout is <see cref="MinRequestTimeout"/>-<see cref="MaxRequestTimeout"/> seconds.</summary>
    public static TimeSpan RequestTimeout(double seconds, string option)
    {
        if (!(seconds >= MinRequestTimeout && seconds <= MaxRequestTimeout))
            throw new UsageException(option, string.Create(CultureInfo.InvariantCulture,
                $"{seconds} is not allowed; give a number of seconds {MinRequestTimeout}-{MaxRequestTimeout}."));
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The lowest rate other than 0: one frame every 100 s (a lower one has a period no timer can wait).</summary>
    public const double MinFps = 0.01;

    /// <summary>The highest rate <c>--fps</c> takes.</summary>
    public const double MaxFps = 1000;

    /// <summary>Checks a rate is <see cref="MinFps"/> to <paramref name="max"/> frames per second, or 0 for "as fast as possible".</summary>
    public static double Fps(double fps, string option, double max = MaxFps)
    {
        if (fps != 0 && !(fps >= MinFps && fps <= max))
            throw new UsageException(option, string.Create(CultureInfo.InvariantCulture,
                $"{fps} is not allowed; give frames per second {MinFps}-{max}, or 0 for as fast as possible."));
        return fps;
    }

    /// <summary>
    /// A message: text that parses as JSON is sent as that JSON value (<c>42</c>, <c>{"a":1}</c>, <c>"text"</c>),
    /// anything else as a string. Null stays null (no message).
    /// </summary>
    public static object? Message(string? text)
    {
        if (text is null) return null;
        try
        {
            using var document = JsonDocument.Parse(text, NetGearMessageJson.DocumentOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>Parses one of the allowed words (case-insensitive).</summary>
    public static T Choice<T>(string text, string option) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
        throw new UsageException(option, $"'{text}' is not allowed; allowed: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }
}
