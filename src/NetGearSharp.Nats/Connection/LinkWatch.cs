using System.Diagnostics;
using NATS.Client.Core;

namespace NetGearSharp.Nats.Connection;

/// <summary>
/// Follows a connection's losses and reconnections (after it first connected): whether it is up, how often it was
/// lost and for how long in all. <c>changed</c> is called on NATS.Net's event task, once per change.
/// </summary>
internal sealed class LinkWatch : IDisposable
{
    private readonly NatsConnection _connection;
    private readonly Action<NatsLinkEventArgs> _changed;
    private readonly Lock _gate = new();
    private bool _up = true;
    private long _downSince;
    private long _lost;
    private TimeSpan _downBefore;

    public LinkWatch(NatsConnection connection, Action<NatsLinkEventArgs> changed)
    {
        _connection = connection;
        _changed = changed;
        connection.ConnectionDisconnected += OnDisconnectedAsync;
        connection.ConnectionOpened += OnOpenedAsync;
    }

    /// <summary>Whether the connection is up now.</summary>
    public bool IsUp
    {
        get { lock (_gate) return _up; }
    }

    /// <summary>How many times the connection was lost.</summary>
    public long Lost
    {
        get { lock (_gate) return _lost; }
    }

    /// <summary>How long the connection has been down in all (counting a loss still going on).</summary>
    public TimeSpan DownFor
    {
        get { lock (_gate) return _up ? _downBefore : _downBefore + Stopwatch.GetElapsedTime(_downSince); }
    }

    public void Dispose()
    {
        _connection.ConnectionDisconnected -= OnDisconnectedAsync;
        _connection.ConnectionOpened -= OnOpenedAsync;
    }

    private ValueTask OnDisconnectedAsync(object? sender, NatsEventArgs e)
    {
        lock (_gate)
        {
            if (!_up) return ValueTask.CompletedTask;
            _up = false;
            _lost++;
            _downSince = Stopwatch.GetTimestamp();
        }
        _changed(new NatsLinkEventArgs(false, TimeSpan.Zero));
        return ValueTask.CompletedTask;
    }

    private ValueTask OnOpenedAsync(object? sender, NatsEventArgs e)
    {
        TimeSpan down;
        lock (_gate)
        {
            if (_up) return ValueTask.CompletedTask;
            _up = true;
            down = Stopwatch.GetElapsedTime(_downSince);
            _downBefore += down;
        }
        _changed(new NatsLinkEventArgs(true, down));
        return ValueTask.CompletedTask;
    }
}
