using System.Globalization;

namespace NetGearSharp.Cli.Viewing;

/// <summary>Plain lines for logs and pipes: every state change, and a status line per server once a second.</summary>
internal sealed class PlainLinesDisplay : IStatusDisplay
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly TextWriter _out;

    /// <summary>Creates the display on a writer (stdout, or stderr when stdout carries JSON).</summary>
    public PlainLinesDisplay(TextWriter output) => _out = TextWriter.Synchronized(output);

    /// <inheritdoc />
    public async Task RunAsync(Func<IReadOnlyList<ServerInfo>> snapshot, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try { await Task.Delay(Period, cancellation).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            foreach (var server in snapshot())
            {
                if (server.State is ServerState.Streaming or ServerState.Stale) _out.WriteLine($"{Stamp()} {ServerRows.Line(server)}");
            }
        }
    }

    /// <inheritdoc />
    public void OnStateChanged(ServerEventArgs change)
        => _out.WriteLine($"{Stamp()} {change.Port} {ServerRows.StateName(change.Previous)} -> {ServerRows.StateName(change.Current)}");

    /// <inheritdoc />
    public void Note(string text) => _out.WriteLine($"{Stamp()} {text}");

    private static string Stamp() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
