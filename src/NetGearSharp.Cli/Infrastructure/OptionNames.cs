namespace NetGearSharp.Cli;

/// <summary>Maps the core library's option names (in its exceptions) to the tool's option names.</summary>
internal static class OptionNames
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Address"] = "--address",
        ["Port"] = "--port",
        ["Ports"] = "--ports",
        ["Filter"] = "--filter",
        ["Pattern"] = "--pattern",
        ["Jpeg"] = "--jpeg-quality",
        ["WaitForFirstServer"] = "--wait-first",
        ["StaleAfter"] = "--stale-after",
        ["LostAfter"] = "--lost-after",
        ["SecureMode"] = "--secure",
        ["KeysDirectory"] = "--keys",
        ["MaxAge"] = "--jetstream-max-age",
        ["AllowedKeysByPort"] = "--keys",
        ["ForwardedPorts"] = "--forwarded-port",
        ["MaxRetries"] = "--max-retries",
        ["RequestTimeout"] = "--request-timeout",
    };

    /// <summary>The tool's option for a core parameter name (e.g. <c>Address</c> gives <c>--address</c>).</summary>
    public static string For(string? coreName)
    {
        if (coreName is null) return "argument";
        var key = coreName.Split('.')[^1];
        return Map.TryGetValue(key, out var name) ? name : coreName;
    }
}
