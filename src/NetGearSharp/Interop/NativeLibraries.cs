using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetGearSharp.Interop;

/// <summary>
/// Resolves the library names used in <c>DllImport</c> to the file names the system has
/// (<c>turbojpeg</c> to <c>libturbojpeg.so.0</c>, <c>zmq</c> to <c>libzmq.so.5</c>, ...), or to the files the
/// application named in <see cref="NativeLibraryPaths"/>.
/// </summary>
internal static class NativeLibraries
{
    private static readonly ConcurrentDictionary<string, string[]> Candidates = new(StringComparer.Ordinal)
    {
        ["turbojpeg"] = ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "libturbojpeg.dylib", "turbojpeg.dll", "turbojpeg"],
        ["zmq"] = ["libzmq.so.5", "libzmq.so", "libzmq.5.dylib", "libzmq.dylib", "libzmq.dll", "zmq"],
    };

    private static readonly Lock Gate = new();
    private static volatile bool s_registered;

    /// <summary>
    /// Installs the resolver for this assembly (once). Every caller returns only once it is installed: a thread that
    /// found it being installed and went on at once could reach libzmq first with default probing, which finds no
    /// <c>libzmq.so</c> on Debian (only <c>libzmq.so.5</c>), and .NET keeps that failure for the process.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (s_registered) return;
        lock (Gate)
        {
            if (s_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            s_registered = true;
        }
    }

    /// <summary>
    /// What could not be loaded, for an error message: <c>libzmq.so.5</c> (the usual name), or the file the application
    /// named in <see cref="NativeLibraryPaths"/> with the system's reason for it (loaded once more to learn it: the
    /// load's own exception lists every place .NET probed after the named file, kilobytes of them).
    /// </summary>
    /// <param name="name">The <c>DllImport</c> name: <c>zmq</c> or <c>turbojpeg</c>.</param>
    public static string Describe(string name)
    {
        var named = name == "zmq" ? NativeLibraryPaths.Zmq : NativeLibraryPaths.TurboJpeg;
        if (string.IsNullOrEmpty(named)) return Candidates[name][0];
        var (property, variable) = name == "zmq" ? ("Zmq", "NETGEARSHARP_ZMQ_LIBRARY") : ("TurboJpeg", "NETGEARSHARP_TURBOJPEG_LIBRARY");
        string? reason = null;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(named));
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            // The system's own words come last ("/opt/x.so: cannot open shared object file: No such file or directory").
            reason = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        }
        return $"'{named}', the file NativeLibraryPaths.{property} names (the netgear tool's {variable})" + (string.IsNullOrEmpty(reason) ? "" : $": {reason}");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (!Candidates.TryGetValue(name, out var files)) return IntPtr.Zero;
        // An explicit file for non-standard installs.
        var overridePath = name == "zmq" ? NativeLibraryPaths.Zmq : NativeLibraryPaths.TurboJpeg;
        if (!string.IsNullOrEmpty(overridePath)) files = [overridePath];
        foreach (var file in files)
        {
            if (NativeLibrary.TryLoad(file, assembly, path, out var handle)) return handle;
        }
        return IntPtr.Zero;
    }
}
