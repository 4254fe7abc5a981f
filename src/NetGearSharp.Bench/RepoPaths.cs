namespace NetGearSharp.Bench;

/// <summary>Finds the repository root (the folder holding NetGearSharp.slnx) and the shared media next to it.</summary>
internal static class RepoPaths
{
    /// <summary><c>../shared/media/{name}</c> from the repository root, or null when not found.</summary>
    public static string? FindMedia(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx")) && !File.Exists(Path.Combine(dir.FullName, "NetGearSharp.sln"))) continue;
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "media", name));
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }
}
