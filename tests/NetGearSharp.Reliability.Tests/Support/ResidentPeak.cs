namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>Samples a process's resident memory every 10 ms until stopped: the highest seen, in MB.</summary>
public sealed class ResidentPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    /// <summary>Starts sampling <paramref name="pid"/>.</summary>
    public ResidentPeak(int pid)
    {
        _peak = PeerOutput.ResidentMegabytes(pid);
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = PeerOutput.ResidentMegabytes(pid);
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                try { await Task.Delay(10, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>Stops sampling; the highest resident memory seen, in MB.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return Interlocked.Read(ref _peak);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
