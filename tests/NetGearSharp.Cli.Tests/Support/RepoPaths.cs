namespace NetGearSharp.Cli.Tests.Support;

/// <summary>Finds the repository root (the folder holding NetGearSharp.sln or .slnx), the shared media and the built CLI.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Media(string file)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "media", file));
        if (!File.Exists(path)) throw new FileNotFoundException($"Test media '{path}' is missing (expected at ../shared/media/{file} from the repository root).", path);
        return path;
    }

    /// <summary>The CLI's dll, built because this project references the CLI project.</summary>
    public static string CliDll { get; } = FindCli();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGearSharp.sln")) || File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No NetGearSharp.sln(x) above {AppContext.BaseDirectory}.");
    }

    private static string FindCli()
    {
        // Same configuration and framework as this test assembly: .../bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        var candidates = new[]
        {
            Path.Combine(Root, "src", "NetGearSharp.Cli", "bin", configuration, tfm, "netgear.dll"),
            Path.Combine(AppContext.BaseDirectory, "netgear.dll"),
        };
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json"))) return candidate;
        }
        throw new FileNotFoundException($"The built CLI was not found; looked at {string.Join(", ", candidates)}.");
    }
}
