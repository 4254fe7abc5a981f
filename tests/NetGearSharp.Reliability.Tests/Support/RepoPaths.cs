namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>Finds the repository root (the folder holding the solution) and the built test peer.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The test peer's dll, built in the same configuration as these tests.</summary>
    public static string TestPeerDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
            var path = Path.Combine(Root, "tests", "NetGearSharp.TestPeer", "bin", configuration, "net10.0", "NetGearSharp.TestPeer.dll");
            if (!File.Exists(path))
                throw new FileNotFoundException($"The test peer is not built at {path}; build the solution (or tests/NetGearSharp.TestPeer) first.", path);
            return path;
        }
    }

    /// <summary>A file of shared/ (beside the repository), e.g. <c>interop/vidgear-wire-vectors.json</c>.</summary>
    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(Root, "..", "shared", relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGearSharp.sln")) || File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds NetGearSharp.sln(x).");
    }
}
