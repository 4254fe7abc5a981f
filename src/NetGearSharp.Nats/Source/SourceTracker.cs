using System.Text.Json;
using NetGearSharp.Client;

namespace NetGearSharp.Nats.Source;

/// <summary>What a source knows of each forwarded server: its state (from state events) and its frames. Thread-safe.</summary>
internal sealed class SourceTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Entry> _ports = new();
    private readonly bool _countGaps;
    private long _frames, _states, _malformed, _dropped;

    public SourceTracker(bool countGaps) => _countGaps = countGaps;

    /// <summary>A frame arrived; returns the state change it makes (a first frame: streaming), if any.</summary>
    public ServerEventArgs? OnFrame(int port, long sequence, int bytes, byte[]? message, long upstreamDropped, DateTimeOffset now)
    {
        lock (_gate)
        {
            var e = Get(port);
            _frames++;
            e.Frames++;
            e.Bytes += bytes;
            e.Rate.Add(NowTicks(), bytes);
            e.FirstSeen ??= now;
            e.LastSeen = now;
            if (message is not null) e.LastMessage = message;
            e.UpstreamDropped = Math.Max(e.UpstreamDropped, upstreamDropped);
            if (e.FirstSequence == 0 || sequence < e.FirstSequence) e.FirstSequence = sequence;
            if (sequence > e.LastSequence) e.LastSequence = sequence;
            if (e.State is ServerState.Waiting or ServerState.Connected or ServerState.Stale)
            {
                var previous = e.State;
                e.State = ServerState.Streaming;
                return new ServerEventArgs(port, previous, ServerState.Streaming);
            }
            return null;
        }
    }

    /// <summary>
    /// A state event arrived; returns the change, if it is one. lastSequence is the last frame the forwarder had
    /// forwarded before this event (so frames lost at the end count as gaps too).
    /// </summary>
    public ServerEventArgs? OnState(int port, ServerState state, long lastSequence, long upstreamDropped, long now)
    {
        lock (_gate)
        {
            _states++;
            var e = Get(port);
            if (e.FirstSequence > 0 && lastSequence > e.LastSequence) e.LastSequence = lastSequence;
            e.UpstreamDropped = Math.Max(e.UpstreamDropped, upstreamDropped);
            if (e.State == state) return null;
            var previous = e.State;
            e.State = state;
            if (state is ServerState.Terminated or ServerState.Lost) e.EndedAt = now;
            return new ServerEventArgs(port, previous, state);
        }
    }

    /// <summary>The link to NATS is lost: servers streaming or connected turn stale (until their next frame); the changes.</summary>
    public List<ServerEventArgs> OnLinkDown()
    {
        lock (_gate)
        {
            var changes = new List<ServerEventArgs>();
            foreach (var (port, e) in _ports.OrderBy(p => p.Key))
            {
                if (e.State is not (ServerState.Streaming or ServerState.Connected)) continue;
                changes.Add(new ServerEventArgs(port, e.State, ServerState.Stale));
                e.State = ServerState.Stale;
            }
            return changes;
        }
    }

    public void OnMalformed()
    {
        lock (_gate) _malformed++;
    }

    public void OnDropped(int port)
    {
        lock (_gate)
        {
            _dropped++;
            Get(port).Dropped++;
        }
    }

    /// <summary>
    /// True when at least one server has come and every server that came has ended; <paramref name="since"/> is when
    /// the last of them ended (a monotonic timestamp).
    /// </summary>
    public bool AllEnded(out long since)
    {
        lock (_gate)
        {
            since = 0;
            var any = false;
            foreach (var e in _ports.Values)
            {
                if (e.State == ServerState.Waiting) continue;
                if (e.State is not (ServerState.Terminated or ServerState.Lost)) return false;
                any = true;
                since = Math.Max(since, e.EndedAt);
            }
            return any;
        }
    }

    public IReadOnlyList<ServerInfo> Snapshot()
    {
        lock (_gate)
        {
            var now = NowTicks();
            return _ports.OrderBy(p => p.Key).Select(p =>
            {
                var (perSecond, bytesPerSecond) = p.Value.Rate.Rates(now);
                return new ServerInfo
                {
                    Port = p.Key,
                    State = p.Value.State,
                    Frames = p.Value.Frames,
                    Bytes = p.Value.Bytes,
                    FramesPerSecond = perSecond,
                    BytesPerSecond = bytesPerSecond,
                    Malformed = 0,
                    Dropped = p.Value.Dropped + p.Value.UpstreamDropped,
                    FilteredOut = 0,
                    Connections = 0,
                    FirstSeen = p.Value.FirstSeen,
                    LastSeen = p.Value.LastSeen,
                    LastMessage = p.Value.LastMessage is { } m ? JsonDocument.Parse(m, NetGearMessageJson.DocumentOptions).RootElement.Clone() : null,
                };
            }).ToList();
        }
    }

    public NatsSourceStatistics Statistics()
    {
        lock (_gate)
        {
            return new NatsSourceStatistics
            {
                Frames = _frames,
                Malformed = _malformed,
                Dropped = _dropped,
                UpstreamDropped = _ports.Values.Sum(e => e.UpstreamDropped),
                // Counted from the first frame seen to the last one known (order-independent: frames and states travel apart).
                Gaps = _countGaps ? _ports.Values.Where(e => e.FirstSequence > 0).Sum(e => e.LastSequence - e.FirstSequence + 1 - e.Frames) : 0,
                States = _states,
            };
        }
    }

    private Entry Get(int port)
    {
        if (!_ports.TryGetValue(port, out var e)) _ports[port] = e = new Entry();
        return e;
    }

    /// <summary>The monotonic clock in <see cref="TimeSpan"/> ticks, the unit <see cref="RateMeter"/> counts in.</summary>
    private static long NowTicks() => System.Diagnostics.Stopwatch.GetElapsedTime(0).Ticks;

    private sealed class Entry
    {
        public ServerState State = ServerState.Waiting;
        public long Frames, Bytes, Dropped, UpstreamDropped, FirstSequence, LastSequence, EndedAt;
        public DateTimeOffset? FirstSeen, LastSeen;
        public byte[]? LastMessage;
        public readonly RateMeter Rate = new();
    }
}
