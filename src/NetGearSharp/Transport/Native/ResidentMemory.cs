using System.Globalization;

namespace NetGearSharp.Transport.Native;

/// <summary>The process's resident memory, read from <c>/proc/self/statm</c> (Linux; elsewhere unknown).</summary>
internal static class ResidentMemory
{
    /// <summary>Resident bytes now; null where they cannot be read.</summary>
    public static long? Bytes()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // "size resident shared text lib data dt", in pages.
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return fields.Length > 1 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pages)
                ? pages * Environment.SystemPageSize
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
