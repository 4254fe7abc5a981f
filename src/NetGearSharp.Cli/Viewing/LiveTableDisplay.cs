using Spectre.Console;

namespace NetGearSharp.Cli.Viewing;

/// <summary>A Spectre.Console table refreshed four times a second, for a terminal.</summary>
internal sealed class LiveTableDisplay : IStatusDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private readonly IAnsiConsole _console;
    private readonly string _title;

    /// <summary>Creates the display on a console (stdout, or stderr when stdout carries JSON).</summary>
    public LiveTableDisplay(IAnsiConsole console, string title)
    {
        _console = console;
        _title = title;
    }

    /// <inheritdoc />
    public async Task RunAsync(Func<IReadOnlyList<ServerInfo>> snapshot, CancellationToken cancellation)
    {
        var table = new Table().Title(Markup.Escape(_title));
        foreach (var header in ServerRows.Headers) table.AddColumn(header);
        await _console.Live(table).AutoClear(true).StartAsync(async ctx =>
        {
            while (!cancellation.IsCancellationRequested)
            {
                Fill(table, snapshot());
                ctx.Refresh();
                try { await Task.Delay(Refresh, cancellation).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            Fill(table, snapshot());
            ctx.Refresh();
        }).ConfigureAwait(false);
    }

    private static void Fill(Table table, IReadOnlyList<ServerInfo> servers)
    {
        table.Rows.Clear();
        foreach (var server in servers)
        {
            var cells = ServerRows.Cells(server).Select(Markup.Escape).ToArray();
            cells[1] = $"[{Color(server.State)}]{cells[1]}[/]";
            table.AddRow(cells);
        }
    }

    private static string Color(ServerState state) => state switch
    {
        ServerState.Streaming => "green",
        ServerState.Connected => "blue",
        ServerState.Stale => "yellow",
        ServerState.Lost or ServerState.AuthenticationFailed => "red",
        ServerState.Terminated => "grey",
        _ => "silver",
    };

    /// <inheritdoc />
    public void OnStateChanged(ServerEventArgs change) { }

    /// <inheritdoc />
    public void Note(string text) => _console.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");
}
