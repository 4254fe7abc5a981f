namespace NetGearSharp.TestSupport;

/// <summary>
/// Finds the repository root (the folder holding NetGearSharp.slnx), the shared folder beside it (VidGear's wire
/// vectors, media) and the programs the tests start (built in the same configuration as the tests).
/// </summary>
public static class RepoPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder beside the repository.</summary>
    public static string SharedRoot => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A file of shared/, e.g. <c>interop/vidgear-wire-vectors.json</c>.</summary>
    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(SharedRoot, relative));

    /// <summary>The recorded VidGear wire vectors.</summary>
    public static string Vectors => Shared(Path.Combine("interop", "vidgear-wire-vectors.json"));

    /// <summary>A media file of shared/media/; throws a clear error when it is missing.</summary>
    public static string Media(string file)
    {
        var path = Shared(Path.Combine("media", file));
        if (!File.Exists(path)) throw new FileNotFoundException($"Test media '{path}' is missing (expected at ../shared/media/{file} from the repository root).", path);
        return path;
    }

    /// <summary>The test peer's dll (tests/NetGearSharp.TestPeer).</summary>
    public static string TestPeerDll => Program(Path.Combine("tests", "NetGearSharp.TestPeer"), "NetGearSharp.TestPeer.dll");

    /// <summary>The netgear tool's dll (src/NetGearSharp.Cli).</summary>
    public static string CliDll => Program(Path.Combine("src", "NetGearSharp.Cli"), "netgear.dll");

    /// <summary>The host application of the good-guest test (tests/NetGearSharp.HostApp).</summary>
    public static string HostAppDll => Program(Path.Combine("tests", "NetGearSharp.HostApp"), "NetGearSharp.HostApp.dll");

    /// <summary>A program built in the same configuration and framework as the running tests (…/bin/&lt;configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string Program(string projectFolder, string dll)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(Root, projectFolder, "bin", output.Parent!.Name, output.Name, dll);
        if (!File.Exists(path) || !File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
            throw new FileNotFoundException($"{dll} is not built at {path}; build the solution (or {projectFolder}) first.", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds NetGearSharp.slnx.");
    }
}
