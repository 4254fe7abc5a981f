namespace NetGearSharp.Cli.Viewing;

/// <summary>What the viewer shows while it runs: a live table on a terminal, plain lines otherwise.</summary>
internal interface IStatusDisplay
{
    /// <summary>Shows the servers until <paramref name="cancellation"/> is cancelled, then once more with the final state.</summary>
    Task RunAsync(Func<IReadOnlyList<ServerInfo>> snapshot, CancellationToken cancellation);

    /// <summary>Called (on the receive thread) when a server changes state.</summary>
    void OnStateChanged(ServerEventArgs change);

    /// <summary>Writes a note (e.g. "no display: window skipped").</summary>
    void Note(string text);
}
