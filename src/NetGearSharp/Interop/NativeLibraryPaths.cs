namespace NetGearSharp.Interop;

/// <summary>
/// Files to load instead of the system's libraries, for non-standard installs. A native library is loaded once per
/// process, on first use: set these at startup, before the first client or server is created (later changes have no
/// effect once the library is loaded). Null (the default) looks for the usual names (<c>libzmq.so.5</c>,
/// <c>libturbojpeg.so.0</c>, ...).
/// </summary>
public static class NativeLibraryPaths
{
    /// <summary>The libzmq file for the native transport, e.g. <c>/opt/zmq/lib/libzmq.so.5</c>.</summary>
    public static string? Zmq { get; set; }

    /// <summary>The libturbojpeg file for JPEG frames, e.g. <c>/opt/libjpeg-turbo/lib64/libturbojpeg.so.0</c>.</summary>
    public static string? TurboJpeg { get; set; }
}
