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

    private static int s_registered;

    /// <summary>Installs the resolver for this assembly (once).</summary>
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
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
