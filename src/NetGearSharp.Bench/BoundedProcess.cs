using System.Diagnostics;

namespace NetGearSharp.Bench;

/// <summary>
/// Runs a child process of the benchmarks to its end with both output streams captured, killing it (the whole tree)
/// if it overruns its limit or the caller cancels: a row's fresh process, VidGear's bench, the kernel ceiling.
/// </summary>
internal static class BoundedProcess
{
    /// <summary>Runs <paramref name="info"/> (its output redirected here) for at most <paramref name="limit"/>.</summary>
    /// <param name="info">The program and its arguments.</param>
    /// <param name="limit">How long it may take.</param>
    /// <param name="name">Names it in the error when it overruns, e.g. "VidGear's bench".</param>
    /// <param name="ct">Cancels (and kills) the run.</param>
    /// <returns>Its exit code, standard output and standard error.</returns>
    /// <exception cref="InvalidOperationException">It could not start, or overran and was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (it was killed).</exception>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo info, TimeSpan limit, string name, CancellationToken ct)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        // Read to the end whatever happens: the streams close when the process (tree) is gone.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (ct.IsCancellationRequested) throw;
            throw new InvalidOperationException($"{name} did not finish within {limit.TotalSeconds:0} s and was killed.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The last line of a child's output that is a JSON object (trimmed), or null: where the bench tools print their result.</summary>
    public static string? LastJsonLine(string output)
        => output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
}
