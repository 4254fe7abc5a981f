namespace NetGearSharp.Security.Tests.Support;

/// <summary>Runs Python scripts: the system's python3 (pyzmq), or the real VidGear peer's launcher.</summary>
public static class Python
{
    /// <summary>The VidGear 0.3.5 launcher (<c>../shared/peers/vidgear/python</c>).</summary>
    public static string VidGear => NetGearSharp.TestSupport.PythonPeer.Launcher;

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
}
