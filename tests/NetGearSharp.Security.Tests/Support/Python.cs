using System.Diagnostics;
using System.Text;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>Runs Python scripts: the system's python3 (pyzmq), or the real VidGear peer's launcher.</summary>
public static class Python
{
    /// <summary>The repository root (the folder holding NetGearSharp.slnx).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The VidGear 0.3.5 launcher (<c>../shared/peers/vidgear/python</c>).</summary>
    public static string VidGear => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "peers", "vidgear", "python"));

    /// <summary>A Python string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>Runs a script with /usr/bin/python3 and returns stdout; fails with the output on a non-zero exit or a timeout.</summary>
    public static async Task<string> RunAsync(string script, TimeSpan timeout)
    {
        using var process = PythonProcess.Start("/usr/bin/python3", script);
        var code = await process.WaitAsync(timeout);
        if (code != 0) throw new InvalidOperationException($"python3 exited with {code}.\nstdout:\n{process.StandardOutput}\nstderr:\n{process.StandardError}");
        return process.StandardOutput;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("NetGearSharp.slnx not found above " + AppContext.BaseDirectory);
    }
}
