namespace NetGearSharp.Docs.Tests.Support;

/// <summary>Finds the repository root (the folder with NetGearSharp.slnx) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NetGearSharp.slnx not found above " + AppContext.BaseDirectory);
    }
}
