namespace NetGearSharp.Nats.Connection;

/// <summary>Reads a NATS server's version (its INFO's <c>version</c>, e.g. <c>2.9.10</c>).</summary>
internal static class NatsServerVersion
{
    /// <summary>
    /// True when <paramref name="version"/> is known and older than <paramref name="major"/>.<paramref name="minor"/>;
    /// false for a newer, equal or unreadable one.
    /// </summary>
    public static bool IsBefore(string? version, int major, int minor)
    {
        if (version is null) return false;
        var parts = version.TrimStart('v', 'V').Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], out var serverMajor) || !int.TryParse(Leading(parts[1]), out var serverMinor)) return false;
        return serverMajor < major || (serverMajor == major && serverMinor < minor);
    }

    /// <summary>The digits a version part starts with (<c>10-beta</c>: <c>10</c>).</summary>
    private static string Leading(string part)
    {
        var end = 0;
        while (end < part.Length && char.IsAsciiDigit(part[end])) end++;
        return part[..end];
    }
}
