namespace NetGearSharp.Interop.Tests.Support;

/// <summary>Where the real VidGear 0.3.5 is (<c>../shared/peers/vidgear</c> from the repository root) and this project's Python scripts.</summary>
public static class VidGearPeer
{
    /// <summary>The launcher that runs Debian's Python 3 with VidGear on the path.</summary>
    public static string Python { get; } = Find();

    /// <summary>A script of this project's <c>Python/</c> folder (copied next to the test assembly).</summary>
    public static string Script(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Python", name);
        if (!File.Exists(path)) throw new FileNotFoundException($"Test script '{path}' is missing (Python/{name} is copied to the output).", path);
        return path;
    }

    private static string Find()
    {
        var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "peers", "vidgear", "python"));
        if (!File.Exists(path))
            throw new FileNotFoundException($"VidGear's launcher '{path}' is missing: these tests need ../shared/peers/vidgear (run its setup; scripts/test does).", path);
        return path;
    }
}
