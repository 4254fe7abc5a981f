namespace NetGearSharp.HostApp;

/// <summary>What the process holds: its threads (by name, thread-pool workers apart) and its socket descriptors (Linux /proc).</summary>
internal sealed record ProcessCensus(int MinWorkers, int MinIo, int Threads, int PoolThreads, int Sockets, IReadOnlyList<string> ThreadNames)
{
    /// <summary>Thread-pool threads come and go with load (the pool retires idle ones): not the library's.</summary>
    private static bool IsPoolThread(string name) => name.StartsWith(".NET TP", StringComparison.Ordinal) || name.StartsWith(".NET Long", StringComparison.Ordinal)
        || name.StartsWith(".NET Tiered", StringComparison.Ordinal) || name.StartsWith(".NET Timer", StringComparison.Ordinal);

    public static ProcessCensus Take()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var names = new List<string>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).Trim());
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }
        var sockets = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal)) sockets++;
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }
        var own = names.Where(n => !IsPoolThread(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new ProcessCensus(workers, io, own.Count, names.Count - own.Count, sockets, own);
    }

    public override string ToString()
        => $"min threads {MinWorkers}/{MinIo}, threads {Threads} (+{PoolThreads} pool), sockets {Sockets}: {string.Join(", ", ThreadNames)}";
}
