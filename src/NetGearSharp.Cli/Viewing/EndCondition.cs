namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// When <c>view</c> ends by itself: every listed server has come and gone (terminated or lost). Servers that never
/// connected keep it waiting, unless <c>--wait-first</c> has passed: then they are given up.
/// </summary>
/// <remarks>
/// Unlike VidGear (and the core client's auto-exit), a server that finishes before another one has connected does
/// not end the view: the user listed the ports and expects every one of them.
/// </remarks>
public sealed class EndCondition
{
    private readonly TimeSpan? _waitFirst;

    /// <summary>Creates the condition.</summary>
    /// <param name="waitFirst">How long to wait for servers that have not connected; null: for ever.</param>
    public EndCondition(TimeSpan? waitFirst) => _waitFirst = waitFirst;

    /// <summary>True when every server is gone (or given up) and at least one came.</summary>
    public bool AllGone(IReadOnlyList<ServerInfo> servers, TimeSpan elapsed)
    {
        var giveUp = _waitFirst is { } wait && elapsed >= wait;
        var anyCame = false;
        foreach (var server in servers)
        {
            switch (server.State)
            {
                case ServerState.Terminated or ServerState.Lost: anyCame = true; break;
                case ServerState.Waiting or ServerState.AuthenticationFailed when giveUp: break; // a refused sender never came
                default: return false;
            }
        }
        return anyCame;
    }

    /// <summary>True when <c>--wait-first</c> has passed and no server has connected at all.</summary>
    public bool NoServerInTime(IReadOnlyList<ServerInfo> servers, TimeSpan elapsed)
        => _waitFirst is { } wait && elapsed >= wait && servers.All(s => s.State is ServerState.Waiting or ServerState.AuthenticationFailed);
}
