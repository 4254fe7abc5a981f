using System.Collections.Concurrent;
using NetGearSharp.Cli.Viewing;

namespace NetGearSharp.Cli.Tests.Support;

/// <summary>A status display that shows nothing and keeps the notes (from any thread).</summary>
internal sealed class NoteTakingDisplay : IStatusDisplay
{
    public ConcurrentQueue<string> Notes { get; } = new();

    /// <summary>Completes at the first note containing <paramref name="text"/>.</summary>
    public Task NoteContaining(string text) => Task.Run(async () =>
    {
        while (!Notes.Any(n => n.Contains(text, StringComparison.Ordinal))) await Task.Delay(10);
    });

    public async Task RunAsync(Func<IReadOnlyList<ServerInfo>> snapshot, CancellationToken cancellation)
    {
        try { await Task.Delay(Timeout.Infinite, cancellation); }
        catch (OperationCanceledException) { }
    }

    public void OnStateChanged(ServerEventArgs change) { }

    public void Note(string text) => Notes.Enqueue(text);
}
