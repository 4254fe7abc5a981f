using System.Globalization;

namespace NetGearSharp.Cli.Serving;

/// <summary>
/// <c>netgear serve</c> in Request/Reply: while no client has acknowledged the first frame, a warning now and then
/// (after 5, 10, 20, 40 and 80 s, then every minute) says that the server is still waiting and what to check, so a server
/// that never reaches its viewer (none running, another --pattern, other keys) does not sit silent. The library says
/// this at Debug level only (its log is for programs; the tool speaks to a person).
/// </summary>
internal static class ClientWaitWarnings
{
    /// <summary>The first warning comes after this long; each next one after twice the wait, at most <see cref="MaxInterval"/>.</summary>
    public static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(5);

    /// <summary>The longest time between two warnings.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    /// <summary>Warns through <paramref name="warn"/> until <paramref name="reached"/> is true or <paramref name="stop"/> is cancelled.</summary>
    /// <param name="reached">Whether a client has answered (the pump has sent a frame).</param>
    /// <param name="waitingFor">What is waited for, e.g. <c>a client at tcp://127.0.0.1:5566</c>.</param>
    /// <param name="hint">What to check, e.g. <c>is 'netgear view --ports 5566' running there with the same --pattern?</c>.</param>
    /// <param name="warn">Writes one line.</param>
    /// <param name="stop">Ends the warnings.</param>
    public static async Task RunAsync(Func<bool> reached, string waitingFor, string hint, Action<string> warn, CancellationToken stop)
    {
        var waited = TimeSpan.Zero;
        var next = FirstAfter;
        while (true)
        {
            try
            {
                await Task.Delay(next, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            waited += next;
            if (reached() || stop.IsCancellationRequested) return;
            warn(string.Create(CultureInfo.InvariantCulture, $"netgear serve: warning: still waiting for {waitingFor} ({waited.TotalSeconds:0} s so far); {hint}"));
            next = waited < MaxInterval ? waited : MaxInterval; // at 5, 10, 20, 40, 80, 140, 200, ... s
        }
    }
}
