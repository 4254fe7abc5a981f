namespace NetGearSharp.Bench;

/// <summary>Finds the repository root (the folder holding NetGearSharp.slnx) and files under it or the shared folder next to it.</summary>
internal static class RepoPaths
{
    /// <summary><c>../shared/media/{name}</c> from the repository root, or null when not found.</summary>
    public static string? FindMedia(string name) => Find(Path.Combine("..", "shared", "media", name));

    /// <summary>
    /// <paramref name="relative"/> from the repository root (the first root, upwards from the current directory and then
    /// from the program's folder, under which it exists), as a full path; null when not found.
    /// </summary>
    public static string? Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx")) && !File.Exists(Path.Combine(dir.FullName, "NetGearSharp.sln"))) continue;
                var path = Path.GetFullPath(Path.Combine(dir.FullName, relative));
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }
}
