using NetGearSharp.Security;

namespace NetGearSharp.Bench;

/// <summary>Fresh CURVE keys in a temporary folder for a secure benchmark run; deleted on dispose. Null folder when plain.</summary>
internal sealed class BenchKeys : IDisposable
{
    private BenchKeys(string? directory) => Directory = directory;

    /// <summary>The key folder, or null for a plain run.</summary>
    public string? Directory { get; }

    public static BenchKeys For(SecureMode mode)
    {
        if (mode == SecureMode.Grasslands) return new BenchKeys(null);
        var folder = Path.Combine(Path.GetTempPath(), "netgear-bench-keys-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(folder);
        KeyDirectory.At(folder).Generate();
        return new BenchKeys(folder);
    }

    public void Dispose()
    {
        if (Directory is null) return;
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
