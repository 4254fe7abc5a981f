namespace NetGearSharp.Cli;

/// <summary>
/// Where the library's warning lines go (<see cref="WarningLineLogger"/>): stderr, or while a live table is on the
/// terminal, into that table's notes, so that a line written past it does not garble its redrawing.
/// </summary>
internal sealed class WarningLines(TextWriter fallback)
{
    private readonly Lock _gate = new();
    private Action<string>? _route;

    /// <summary>Writes one line where lines go now.</summary>
    public void Write(string line)
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
