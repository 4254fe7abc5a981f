namespace NetGearSharp.Tests.Support;

/// <summary>Finds the repository root (the folder with NetGearSharp.slnx) and the shared folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Vectors => Path.Combine(Shared, "interop", "vidgear-wire-vectors.json");

    public static string Media(string file) => Path.Combine(Shared, "media", file);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NetGearSharp.slnx not found above " + AppContext.BaseDirectory);
    }
}
