namespace NetGearSharp.Cli;

/// <summary>
/// Where the library's warning lines go (<see cref="WarningLineLogger"/>): stderr, or while a live table is on the
/// terminal, into that table's notes, so that a line written past it does not garble its redrawing. A line the same as
/// the one before that comes again quickly (within <see cref="QuickRepeatMs"/> of the last time it came), within
/// <see cref="RepeatWindowMs"/> of when it was shown, is counted instead of written (a NATS server that is down: the
/// same warning at every reconnect, twice a second); the count goes with the next line shown, or is written by
/// <see cref="Flush"/> when the command ends. A line that comes again after a quiet spell (a second outage) is shown.
/// </summary>
internal sealed class WarningLines(TextWriter fallback, Func<long>? clockMs = null)
{
    /// <summary>How long the same line is counted, not written, after it was shown.</summary>
    internal const long RepeatWindowMs = 30_000;

    /// <summary>How soon after the last time a line must come again to be counted rather than shown.</summary>
    internal const long QuickRepeatMs = 5_000;

    private readonly Lock _gate = new();
    private readonly Func<long> _clockMs = clockMs ?? (() => Environment.TickCount64);
    private Action<string>? _route;
    private string? _last;
    private long _lastShownAt;
    private long _lastSeenAt;
    private int _repeats;

    /// <summary>Writes one line where lines go now, or counts it when it repeats the one before.</summary>
    public void Write(string line)
    {
        string? repeated = null;
        var shown = line;
        lock (_gate)
        {
            var now = _clockMs();
            var quick = line == _last && now - _lastSeenAt < QuickRepeatMs;
            _lastSeenAt = now;
            if (quick && now - _lastShownAt < RepeatWindowMs)
            {
                _repeats++;
                return;
            }
            if (_repeats > 0)
            {
                var times = RepeatsSinceShown(now);
                if (line == _last) shown = $"{line} (and {times} before)";
                else repeated = $"{_last} (and {times})";
            }
            _last = line;
            _lastShownAt = now;
            _repeats = 0;
        }
        if (repeated is not null) Show(repeated);
        Show(shown);
    }

    /// <summary>Writes the count of the last line's repeats not said yet (the command ends: no next line will say it).</summary>
    public void Flush()
    {
        string? repeated = null;
        lock (_gate)
        {
            if (_repeats > 0)
            {
                repeated = $"{_last} (and {RepeatsSinceShown(_clockMs())})";
            }
            _repeats = 0;
        }
        if (repeated is not null) Show(repeated);
    }

    /// <summary>"3 more times in 12 s": the repeats counted since the last line was shown (under the gate).</summary>
    private string RepeatsSinceShown(long now) => $"{_repeats} more time{(_repeats == 1 ? "" : "s")} in {(now - _lastShownAt) / 1000} s";

    private void Show(string line)
    {
        Action<string>? route;
        lock (_gate) route = _route;
        if (route is not null)
        {
            route(line);
            return;
        }
        lock (fallback) fallback.WriteLine(line);
    }

    /// <summary>Sends the lines to <paramref name="route"/> until the result is disposed (then to stderr again).</summary>
    public IDisposable RouteTo(Action<string> route)
    {
        lock (_gate) _route = route;
        return new Unroute(this, route);
    }

    private void Clear(Action<string> route)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_route, route)) _route = null;
        }
    }

    private sealed class Unroute(WarningLines lines, Action<string> route) : IDisposable
    {
        public void Dispose() => lines.Clear(route);
    }
}
