namespace NetGearSharp.Cli.Viewing;

/// <summary>Why a view ended.</summary>
internal enum ViewOutcome
{
    /// <summary>Every server terminated or was lost (the normal end).</summary>
    AllServersGone,
    /// <summary>Ctrl+C or SIGTERM.</summary>
    Interrupted,
    /// <summary>The user closed the montage window (q, Esc or the close button).</summary>
    WindowClosed,
    /// <summary>No server connected within <c>--wait-first</c> (a failure: exit code 1).</summary>
    NoServerInTime,
    /// <summary>The client ended on its own (e.g. disposed).</summary>
    ClientEnded,
}
