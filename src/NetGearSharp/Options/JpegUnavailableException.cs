namespace NetGearSharp;

/// <summary>JPEG was asked for but libjpeg-turbo's TurboJPEG library could not be loaded.</summary>
public sealed class JpegUnavailableException : NetGearException
{
    /// <summary>Creates the exception, naming the package to install.</summary>
    public JpegUnavailableException(Exception inner)
        : base($"JPEG compression needs libjpeg-turbo's TurboJPEG library, which could not be loaded ({Interop.NativeLibraries.Describe("turbojpeg")}). " +
               "Install it (Debian/Ubuntu: 'apt-get install libturbojpeg0'; Fedora: 'dnf install turbojpeg'; macOS: 'brew install jpeg-turbo') " +
               "or turn JPEG off; raw frames work without it.", inner) { }
}
