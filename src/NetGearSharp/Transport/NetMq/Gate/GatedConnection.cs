using System.Buffers;
using System.Net;
using System.Net.Sockets;
using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.NetMq.Gate;

/// <summary>
/// One peer's connection through a <see cref="NetMqGate"/>: its bytes are read and metered (<see cref="ZmtpMeter"/>)
/// and passed to a connection of its own to NetMQ's listener on loopback, and NetMQ's answers passed back. The
/// connection to NetMQ is opened only once the peer has sent a ZMTP signature, so a port scanner or an idle TCP
/// connection never reaches NetMQ and holds one descriptor, not three.
/// </summary>
internal sealed class GatedConnection
{
    private const int BufferBytes = 256 * 1024;
    /// <summary>NetMQ's side sends answers and subscriptions, small: a smaller buffer keeps many connections light.</summary>
    private const int BackBufferBytes = 16 * 1024;

    private readonly Socket _outer;
    private readonly NetMqGate _gate;
    private readonly ZmtpMeter _meter;
    private readonly object _closing = new();
    private Socket? _inner;
    private int _closed;

    public GatedConnection(Socket outer, NetMqGate gate, GateLimits limits)
    {
        _outer = outer;
        _gate = gate;
        _meter = new ZmtpMeter(limits.MaxMessageBytes, limits.MaxPartBytes, gate.Port, limits.NamedPort);
        OpenedAt = Environment.TickCount64;
        outer.NoDelay = true;
        if (limits.ReceiveBufferBytes is { } rcvbuf) outer.ReceiveBufferSize = rcvbuf;
    }

    /// <summary>When it was accepted (<see cref="Environment.TickCount64"/>).</summary>
    public long OpenedAt { get; }

    /// <summary>Whether the peer finished its greeting and sent its first command.</summary>
    public bool HandshakeDone => _meter.HandshakeDone;

    /// <summary>Whether the peer has sent a whole message (a server, not a scanner or a stalled peer).</summary>
    public bool Delivered => _meter.Delivered;

    /// <summary>What the peer's message in progress has announced so far (see <see cref="ZmtpMeter.MessageBytes"/>).</summary>
    public long MessageBytes => _meter.MessageBytes;

    /// <summary>When the peer's message in progress began.</summary>
    public long MessageStartedAt => _meter.MessageStartedAt;

    /// <summary>Whether it has been closed.</summary>
    public bool Closed => Volatile.Read(ref _closed) != 0;

    /// <summary>Passes the peer's bytes until either side closes or the peer breaks a limit.</summary>
    public async Task RunAsync(GateTarget target, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        Task? back = null;
        try
        {
            var held = 0;
            long announced = 0;
            while (true)
            {
                var read = await _outer.ReceiveAsync(buffer.AsMemory(held), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                var verdict = _meter.Feed(buffer.AsSpan(held, read));
                if (verdict != ZmtpVerdict.Pass)
                {
                    _gate.Refused(verdict, _meter.Detail);
                    Close(reset: true);
                    return;
                }
                if (_meter.MessageBytes > announced)
                {
                    // A part announced more: the port's connections together may be past what they may hold.
                    _gate.Held(this);
                    if (Closed) return;
                }
                announced = _meter.MessageBytes;
                if (_inner is null)
                {
                    held += read;
                    if (!_meter.SignatureSeen && held < buffer.Length) continue;
                    if (!_gate.HasRoomForConnection())
                    {
                        Close(reset: true);
                        return;
                    }
                    var inner = await ConnectInnerAsync(target.Port, cancellationToken).ConfigureAwait(false);
                    lock (_closing)
                    {
                        if (_closed != 0)
                        {
                            inner.Dispose();
                            return;
                        }
                        _inner = inner;
                        _gate.Passed(open: true); // inside the lock: its close cannot be reported before it
                    }
                    back = PassBackAsync(inner, cancellationToken);
                    read = held;
                    held = 0;
                }
                await SendAllAsync(_inner!, buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away, or the gate is closing.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close(reset: false);
        }
        if (back is not null) await back.ConfigureAwait(false);
    }

    /// <summary>Closes both sides; with <paramref name="reset"/> the peer's side is reset (nothing it sent is kept).</summary>
    public void Close(bool reset)
    {
        Socket? inner;
        lock (_closing)
        {
            if (_closed != 0) return;
            _closed = 1;
            inner = _inner;
        }
        if (reset)
        {
            try { _outer.LingerState = new LingerOption(true, 0); } catch (SocketException) { /* already gone */ }
        }
        _outer.Dispose();
        if (inner is null) return;
        inner.Dispose();
        _gate.Passed(open: false);
    }

    private static async Task<Socket> ConnectInnerAsync(int innerPort, CancellationToken cancellationToken)
    {
        var inner = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await inner.ConnectAsync(new IPEndPoint(IPAddress.Loopback, innerPort), cancellationToken).ConfigureAwait(false);
            return inner;
        }
        catch
        {
            inner.Dispose();
            throw;
        }
    }

    /// <summary>Passes NetMQ's bytes back to the peer until either side closes.</summary>
    private async Task PassBackAsync(Socket inner, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(BackBufferBytes);
        try
        {
            while (true)
            {
                var read = await inner.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                await SendAllAsync(_outer, buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away, or the gate is closing.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close(reset: false);
        }
    }

    private static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }
}
