namespace NetGearSharp.Security;

/// <summary>A key file is missing or malformed; the message names the file and what was expected.</summary>
public sealed class CertificateException : NetGearException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public CertificateException(string path, string problem, Exception? inner = null)
        : base($"Key file '{path}': {problem}", inner!)
    {
        FilePath = path;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }
}
