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
