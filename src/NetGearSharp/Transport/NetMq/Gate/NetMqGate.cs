using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.NetMq.Gate;

/// <summary>
/// Listens on a network address in front of a NetMQ socket bound on loopback, and lets through only what NetMQ can be
/// trusted with (issue 11). NetMQ accepts every connection with no limit, dies when an accept fails for want of file
/// descriptors (AsyncIO reports the failure as a success and NetMQ's listener dereferences the missing socket), keeps
/// stalled handshakes, and buffers a multipart message of any size. The gate:
/// <list type="bullet">
/// <item>accepts with its own listener, which survives running out of descriptors, and keeps the process's reserve
/// (<see cref="DescriptorBudget.Reserve"/>) free: it stops accepting and closes connections that have sent no message;</item>
/// <item>opens a connection to NetMQ only for a peer that sent a ZMTP signature (a port scan never reaches NetMQ);</item>
/// <item>closes a connection whose handshake is not done within the socket's handshake timeout;</item>
/// <item>closes a connection at the first part of a message past the limits (<see cref="ZmtpMeter"/>), before that
/// part is passed on, and the connection longest in the middle of a message when the port's connections together have
/// announced more than <see cref="MessageCap.PortLimitFactor"/> messages' worth (a peer opening many connections, each under the
/// limit).</item>
/// </list>
/// It is used where NetMQ would listen on a network address (not loopback) for a socket that caps whole messages
/// (the client's); the price is one more copy of each byte through loopback.
/// </summary>
internal sealed class NetMqGate : IDisposable
{
    /// <summary>The free descriptors are counted again after this many accepts (counting lists /proc/self/fd).</summary>
    private const int CountEvery = 8;
    /// <summary>A connection younger than this is not shed for sending nothing yet: a real server may be starting.</summary>
    private const long SheddableAfterMs = 1000;
    private const int Backlog = 100;
    /// <summary>A message begun this long ago and still not complete is a stalled one (a legitimate 8K frame takes 0.8 s at 1 Gbit/s).</summary>
    public const long StaleMessageMs = 2000;

    private readonly Socket _listener;
    private readonly GateTarget _target;
    private readonly GateLimits _limits;
    private readonly Action<TransportEvent> _report;
    private readonly ConcurrentDictionary<GatedConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _holding = new();
    private readonly long? _softLimit;
    private readonly Func<long, long> _free;
    private long _knownFree = long.MaxValue;
    private int _countsSkipped = CountEvery;
    private int _shedNotReported;
    private long _shedReportedAt = long.MinValue / 2;

    /// <summary>Listens on <paramref name="outer"/> and passes connections to NetMQ's loopback port (<paramref name="target"/>).</summary>
    /// <param name="outer">The address to listen on.</param>
    /// <param name="target">NetMQ's listener on 127.0.0.1.</param>
    /// <param name="limits">What a connection may do.</param>
    /// <param name="report">
    /// Takes the gate's events: a connection let through to NetMQ (<see cref="TransportEventKind.Accepted"/>) and its
    /// close, refused messages, shed connections; called from any thread. NetMQ's own events name its loopback port, so
    /// they are not the socket's.
    /// </param>
    /// <param name="softLimit">The process's descriptor limit (tests give their own); null reads the process's.</param>
    /// <param name="free">Counts the free descriptors under a limit (tests give their own).</param>
    public NetMqGate(IPEndPoint outer, GateTarget target, GateLimits limits, Action<TransportEvent> report, long? softLimit = null, Func<long, long>? free = null)
    {
        _target = target;
        _limits = limits;
        _report = report;
        _softLimit = softLimit ?? DescriptorBudget.SoftLimit();
        _free = free ?? DescriptorBudget.Free;
        _listener = new Socket(outer.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(outer);
            _listener.Listen(Backlog);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        var bound = (IPEndPoint)_listener.LocalEndPoint!;
        var host = bound.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString();
        Port = bound.Port;
        Endpoint = string.Create(CultureInfo.InvariantCulture, $"tcp://{host}:{bound.Port}");
        _ = Task.Run(AcceptLoopAsync);
        _ = Task.Run(WatchLoopAsync);
    }

    /// <summary>The endpoint it listens on, with the port resolved.</summary>
    public string Endpoint { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>
    /// Whether NetMQ binding <paramref name="endpoint"/> needs a gate: a TCP endpoint on an address other than loopback
    /// (<c>*</c>, <c>0.0.0.0</c>, a LAN address, or a host name that resolves to one, as the client binds it:
    /// <see cref="BindAddresses.Lookup"/>). A name that does not resolve is left to NetMQ, which reports it.
    /// </summary>
    public static bool Guards(string endpoint, [NotNullWhen(true)] out IPEndPoint? outer)
    {
        outer = null;
        if (!endpoint.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase)) return false;
        var colon = endpoint.LastIndexOf(':');
        if (colon <= "tcp://".Length) return false;
        var host = endpoint["tcp://".Length..colon].Trim('[', ']');
        var portText = endpoint[(colon + 1)..].TrimEnd('/');
        int port;
        if (portText == "*") port = 0;
        else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535) return false;
        var address = host == "*" ? IPAddress.Any : IPAddress.TryParse(host, out var parsed) ? parsed : Resolve(host);
        if (address is null || IPAddress.IsLoopback(address)) return false;
        outer = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>A host name as the client binds it (<see cref="BindAddresses.Lookup"/>); null when it does not resolve.</summary>
    private static IPAddress? Resolve(string host)
    {
        try
        {
            return BindAddresses.Lookup(host);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the process can give a connection its two loopback descriptors and keep its reserve; when not, first
    /// closes connections that have sent no message.
    /// </summary>
    public bool HasRoomForConnection()
    {
        // Counted every time: this comes once per peer that speaks ZMTP, and each takes two descriptors at once.
        var room = HasRoom(needed: 2, countNow: true);
        if (room) Interlocked.Add(ref _knownFree, -2);
        else ReportShed(1); // the caller closes it: reported with the shed ones, not silently
        return room;
    }

    /// <summary>
    /// A connection broke a limit and is being closed: reported as <see cref="TransportEventKind.MessageTooLarge"/> or
    /// <see cref="TransportEventKind.PortMismatch"/> (not ZMTP at all: not reported; NetMQ never saw it).
    /// </summary>
    public void Refused(ZmtpVerdict verdict, string? detail)
    {
        if (verdict is ZmtpVerdict.TooLarge or ZmtpVerdict.TooManyParts)
            _report(new TransportEvent(TransportEventKind.MessageTooLarge, Endpoint, Detail: $"a connection sent {detail}; it was closed"));
        else if (verdict is ZmtpVerdict.PortMismatch)
            _report(new TransportEvent(TransportEventKind.PortMismatch, Endpoint, Detail: $"{detail}; the connection was closed before the message was complete"));
    }

    /// <summary>A connection was let through to NetMQ (<paramref name="open"/>), or closed after it was.</summary>
    public void Passed(bool open) => _report(new TransportEvent(open ? TransportEventKind.Accepted : TransportEventKind.Disconnected, Endpoint));

    /// <summary>
    /// <paramref name="caller"/>'s message announced more. While the gate's connections together hold more than
    /// <see cref="MessageCap.PortLimitFactor"/> messages' worth: the connection whose message began first is closed if that was
    /// <see cref="StaleMessageMs"/> or longer ago (a peer that stalls in the middle of a message loses its place to a
    /// server that streams); otherwise the caller is refused, before NetMQ takes its part, so that a burst of such
    /// connections makes NetMQ allocate nothing more (a part it took stays allocated until the next full collection).
    /// </summary>
    public void Held(GatedConnection caller)
    {
        if (_limits.MaxMessageBytes < 0) return;
        var most = MessageCap.PortLimitFactor * _limits.MaxMessageBytes;
        lock (_holding)
        {
            long total = 0;
            foreach (var connection in _connections.Keys)
            {
                if (!connection.Closed) total += connection.MessageBytes;
            }
            var now = Environment.TickCount64;
            while (total > most && !caller.Closed)
            {
                GatedConnection? stalest = null;
                foreach (var connection in _connections.Keys)
                {
                    if (connection.Closed || connection.MessageBytes == 0) continue;
                    if (stalest is null || connection.MessageStartedAt < stalest.MessageStartedAt) stalest = connection;
                }
                var closing = stalest is not null && now - stalest.MessageStartedAt >= StaleMessageMs ? stalest : caller;
                var held = closing.MessageBytes;
                _report(new TransportEvent(TransportEventKind.MessageTooLarge, Endpoint, Detail: string.Create(CultureInfo.InvariantCulture,
                    $"the connections of one port held {total} bytes of messages they never completed (the limit is {most} together); {(closing == caller ? "the one adding to them" : "the one whose message began first")} ({held} bytes) was closed")));
                closing.Close(reset: true);
                total -= held;
            }
        }
    }

    /// <summary>Closes connections that have sent no message and are older than a second; returns how many.</summary>
    internal int Shed()
    {
        var now = Environment.TickCount64;
        var shed = 0;
        foreach (var connection in _connections.Keys)
        {
            if (connection.Closed || connection.Delivered || now - connection.OpenedAt < SheddableAfterMs) continue;
            connection.Close(reset: true);
            shed++;
        }
        if (shed == 0) return 0;
        ReportShed(shed);
        return shed;
    }

    /// <summary>Reports connections closed for want of descriptors, at most once a second (the rest with the next report).</summary>
    private void ReportShed(int count)
    {
        var now = Environment.TickCount64;
        var total = Interlocked.Add(ref _shedNotReported, count);
        if (now - Interlocked.Read(ref _shedReportedAt) < 1000) return;
        Interlocked.Exchange(ref _shedReportedAt, now);
        Interlocked.Add(ref _shedNotReported, -total);
        _report(new TransportEvent(TransportEventKind.ConnectionsShed, Endpoint,
            Detail: string.Create(CultureInfo.InvariantCulture, $"the process was running out of file descriptors, so {total} connections that had sent no message were closed")));
    }

    private bool HasRoom(int needed, bool countNow)
    {
        if (_softLimit is not { } limit) return true;
        var reserve = DescriptorBudget.Reserve(limit);
        var free = Interlocked.Read(ref _knownFree);
        if (countNow || free < 2 * reserve + needed || Interlocked.Increment(ref _countsSkipped) >= CountEvery)
            free = Count(limit);
        if (free >= reserve + needed) return true;
        if (Shed() > 0) free = Count(limit);
        return free >= reserve + needed;
    }

    private long Count(long limit)
    {
        Interlocked.Exchange(ref _countsSkipped, 0);
        var free = _free(limit);
        Interlocked.Exchange(ref _knownFree, free);
        return free;
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (!HasRoom(needed: 1, countNow: false))
                {
                    // Leave the connections in the listen backlog until descriptors are free again.
                    await Task.Delay(50, token).ConfigureAwait(false);
                    continue;
                }
                var socket = await _listener.AcceptAsync(token).ConfigureAwait(false);
                Interlocked.Decrement(ref _knownFree);
                Start(socket, token);
            }
            catch (SocketException) when (!token.IsCancellationRequested)
            {
                // Out of descriptors (or the peer gave up before the accept): shed what sends nothing and try again.
                Interlocked.Exchange(ref _knownFree, 0);
                Shed();
                await Task.Delay(50, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private void Start(Socket socket, CancellationToken token)
    {
        GatedConnection connection;
        try
        {
            connection = new GatedConnection(socket, this, _limits);
        }
        catch (SocketException)
        {
            socket.Dispose(); // reset by the peer before its options could be set
            return;
        }
        _connections[connection] = 0;
        _ = RunAsync(connection, token);
    }

    private async Task RunAsync(GatedConnection connection, CancellationToken token)
    {
        try
        {
            await connection.RunAsync(_target, token).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>Closes connections whose handshake is not done within the handshake timeout.</summary>
    private async Task WatchLoopAsync()
    {
        var token = _stop.Token;
        var timeoutMs = (long)_limits.HandshakeTimeout.TotalMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(timeoutMs / 4, 50, 500)));
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var connection in _connections.Keys)
                {
                    if (!connection.HandshakeDone && now - connection.OpenedAt >= timeoutMs) connection.Close(reset: true);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Dispose();
        foreach (var connection in _connections.Keys) connection.Close(reset: false);
        _stop.Dispose();
    }
}
