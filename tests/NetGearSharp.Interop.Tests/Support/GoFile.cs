namespace NetGearSharp.Interop.Tests.Support;

/// <summary>
/// A file whose appearance starts every waiting VidGear server at once (<c>vidgear_server.py --go-file</c>), in a
/// temporary folder that is deleted with it.
/// </summary>
public sealed class GoFile : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netgear-interop-").FullName;

    public string Path => System.IO.Path.Combine(_dir, "go");

    /// <summary>Creates the file: the servers start.</summary>
    public Task GoAsync() => File.WriteAllTextAsync(Path, "go");

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
