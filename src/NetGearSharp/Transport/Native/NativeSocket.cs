using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGearSharp.Transport.Native.Wire;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// A libzmq socket behind <see cref="ITransportSocket"/>. Receives into one native <c>zmq_msg_t</c> and hands out
/// its data without copying; sends with <c>zmq_send</c> (one copy into libzmq's message), or for large last parts
/// with <c>zmq_msg_init_data</c> over the caller's pinned memory (no copy; see <see cref="TrySendBorrowed"/>). Waits use
/// <c>zmq_poll</c> followed by a non-blocking call, so no option is changed per call; a publisher waiting for room
/// retries with a blocking send instead (<see cref="NativeOptions.WaitsInSend"/>). Not thread-safe.
/// </summary>
internal sealed unsafe class NativeSocket : ITransportSocket, IUnaskedFrameHint, ILentPayloadPadding
{
    private readonly ZmqMessage _received = new();
    private readonly IntPtr _context;
    private readonly NativeMonitor? _monitor;
    /// <summary>IronHouse: this socket's registration with the ZAP handler (a domain prefix); null otherwise.</summary>
    private readonly string? _zapDomain;
    private readonly NativeZapHandler? _zap;
    /// <summary>Retries of a send block in libzmq (up to ZMQ_SNDTIMEO) instead of polling: see <see cref="NativeOptions.WaitsInSend"/>.</summary>
    private readonly bool _waitsInSend;
    private NativeWakeUp? _wakeUp;
    /// <summary>A monitored socket that binds: sheds a flooded endpoint before the process runs out of descriptors.</summary>
    private ConnectionShedding? _shedding;
    /// <summary>A monitored socket that binds with a <see cref="SocketSpec.MaxUnreadBytes"/>: closes a connection whose message never ends.</summary>
    private UnreadBytesGuard? _unread;
    private readonly long _maxUnreadBytes;
    /// <summary>A monitored socket that binds with a message cap, where <see cref="WireHooks"/> are installed: counts each message's parts as libzmq reads them.</summary>
    private readonly WireWatch? _wire;
    /// <summary>Cuts a connection's kernel buffer when a backlog builds on it (<see cref="SocketSpec.BacklogBufferBytes"/>); null: never.</summary>
    private readonly BacklogBuffers? _backlog;
    /// <summary>The bytes of the message being received so far (for <see cref="_backlog"/>).</summary>
    private long _messageBytes;
    /// <summary>Whether the socket speaks CURVE (its messages' parts travel encrypted).</summary>
    private readonly bool _secure;
    /// <summary>The endpoints bound, as reported (resolved) to how they were asked for: a shed endpoint is bound again.</summary>
    private readonly Dictionary<string, string> _bound = new(StringComparer.Ordinal);
    /// <summary>Shed endpoints not bound again yet (the old listener closes on libzmq's I/O thread): when to retry, and the wait after that.</summary>
    private readonly Dictionary<string, (long Due, int Wait)> _rebinds = new(StringComparer.Ordinal);
    private IntPtr _socket;
    private int _disposed;
    /// <summary>The large array this socket lends from, pinned while it does (<see cref="PinToLend"/>).</summary>
    private PinnedArrayLease? _lease;

    /// <summary>The pin of the large array this socket lends from now; null when none (for tests).</summary>
    internal PinnedArrayLease? Lease => _lease;
    /// <summary>The ZMQ_RCVTIMEO last set on the socket (ms; -1 for none), so that it is set only when it changes.</summary>
    private int _receiveTimeout = int.MinValue;
    /// <summary>The I/O thread each endpoint asked for was given (<see cref="BindsSpreadOver"/>), kept for its rebinds.</summary>
    private readonly Dictionary<string, int> _threadOf = new(StringComparer.Ordinal);

    /// <summary>
    /// The I/O threads over which bound endpoints are dealt in turn, each endpoint's connections on its own thread
    /// (<see cref="SocketSpec.IoThreadPerEndpoint"/>); 1: libzmq chooses per connection.
    /// </summary>
    public int BindsSpreadOver { get; init; } = 1;

    /// <summary>
    /// Takes ownership of an open socket of <paramref name="context"/>; attaches a monitor when asked (following security
    /// handshakes with <paramref name="curve"/>); registers an IronHouse socket's policy with <paramref name="zap"/>, the
    /// ZAP handler of the same context. <paramref name="waitsInSend"/>: the socket's ZMQ_SNDTIMEO is set and its sends
    /// wait for room by blocking (<see cref="NativeOptions.WaitsInSend"/>). <paramref name="maxUnreadBytes"/>: see
    /// <see cref="SocketSpec.MaxUnreadBytes"/> (a monitored socket's bound endpoints only; -1 none). <paramref name="wire"/>:
    /// the limits <see cref="WireHooks"/> hold its accepted connections to (a monitored socket's only; null: none).
    /// <paramref name="backlog"/>: cuts its connections' buffers when a backlog builds (owned: disposed with the socket).
    /// </summary>
    public NativeSocket(IntPtr context, IntPtr socket, bool monitor, CurveSpec? curve = null, NativeZapHandler? zap = null, bool waitsInSend = false, long maxUnreadBytes = -1,
        WireWatch? wire = null, BacklogBuffers? backlog = null)
    {
        _context = context;
        _backlog = backlog;
        _socket = socket;
        _waitsInSend = waitsInSend;
        _maxUnreadBytes = maxUnreadBytes;
        _wire = monitor ? wire : null;
        _secure = curve is not null;
        try
        {
            // Disposed here if anything below fails (the socket does not take ownership then).
            if (curve?.Authorizer is { } policy)
            {
                _zap = zap ?? throw new ArgumentNullException(nameof(zap), "An IronHouse socket needs its context's ZAP handler.");
                _zapDomain = zap.Register(policy);
            }
            if (monitor) _monitor = new NativeMonitor(context, socket, secure: curve is not null, connecting: curve is { Server: false });
        }
        catch
        {
            if (_zapDomain is not null) _zap?.Unregister(_zapDomain);
            _backlog?.Dispose();
            _received.Dispose();
            throw;
        }
    }

    public string Bind(string endpoint)
    {
        // IronHouse: connections on this endpoint ask the ZAP handler under its port's domain (per-port identity).
        if (_zapDomain is not null)
            NativeOptions.SetZapDomain(Handle, NativeZapHandler.DomainFor(_zapDomain, Endpoints.PortOf(endpoint)?.ToString(CultureInfo.InvariantCulture) ?? endpoint));
        if (BindsSpreadOver > 1)
        {
            if (!_threadOf.TryGetValue(endpoint, out var thread)) _threadOf[endpoint] = thread = _threadOf.Count % BindsSpreadOver;
            NativeOptions.SetAffinity(Handle, thread);
        }
        using (WireHooks.Binding(_wire))
        {
            if (ZmqNative.zmq_bind(Handle, endpoint) != 0) throw ZmqNative.Failure($"bind to {endpoint}");
        }
        var bound = NativeOptions.LastEndpoint(_socket) ?? endpoint;
        if (_monitor is not null)
        {
            _bound[bound] = endpoint;
            _shedding ??= ConnectionShedding.ForThisProcess();
            // Where the hooks count each message's parts, small parts cannot pile up: the C heap's rule is not needed. With
            // CURVE a part's "more" flag is encrypted, so the hooks can only size each part: the rule stays.
            if (_maxUnreadBytes > 0 && OperatingSystem.IsLinux())
                _unread ??= new UnreadBytesGuard(_maxUnreadBytes, held: _wire is null || _secure ? null : HeldMemory.Off);
        }
        return bound;
    }

    public void Connect(string endpoint)
    {
        _monitor?.Connecting();
        if (ZmqNative.zmq_connect(Handle, endpoint) != 0) throw ZmqNative.Failure($"connect to {endpoint}");
    }

    public void SubscribeAll()
    {
        if (ZmqNative.zmq_setsockopt(Handle, ZmqNative.Subscribe, null, 0) != 0) throw ZmqNative.Failure("setting ZMQ_SUBSCRIBE");
    }

    /// <summary>Cuts this socket's connections' kernel buffers when a backlog builds; null when it does not.</summary>
    internal BacklogBuffers? Backlog => _backlog;

    /// <summary>The descriptor of the connection the part received last came from (ZMQ_SRCFD); -1 when unknown.</summary>
    public long LastPartConnection { get; private set; } = -1;

    public bool TryReceive(TimeSpan timeout, out ReadOnlySpan<byte> part, out bool more)
    {
        var socket = Handle;
        var deadline = Deadline(timeout);
        // Without a wake-up socket to watch as well, libzmq waits itself: a blocking receive watches the socket's
        // mailbox with one poll, where zmq_poll polls it before and after its own poll (fewer system calls a frame).
        if (_wakeUp is null && deadline != 0) return ReceiveBlocking(socket, deadline, out part, out more);
        while (true)
        {
            // Try first: on a busy socket the part is already there and no poll is needed.
            if (_received.TryReceive(socket, out var errno)) return Received(out part, out more);
            if (errno != ZmqNative.EAgain && errno != ZmqNative.EIntr) throw ZmqNative.Failure("zmq_msg_recv");
            var signalled = Wait(socket, ZmqNative.PollIn, deadline, _wakeUp, out var woken);
            if (woken)
            {
                // One more look without waiting (a part may have arrived too), then "nothing" so the caller sees why it woke.
                _wakeUp!.Drain();
                deadline = 0;
                continue;
            }
            if (!signalled)
            {
                part = default;
                more = false;
                return false;
            }
        }
    }

    /// <summary>Hands out the part just received (zero copy) and notes the connection it came from.</summary>
    private bool Received(out ReadOnlySpan<byte> part, out bool more)
    {
        part = _received.Data;
        more = _received.More;
        LastPartConnection = _received.SourceFd;
        if (_backlog is not null)
        {
            _messageBytes += part.Length;
            if (!more)
            {
                _backlog.MessageRead(LastPartConnection, _messageBytes);
                _messageBytes = 0;
            }
        }
        if (!more) _unread?.MessageRead(LastPartConnection);
        return true;
    }

    /// <summary>Receives a part, waiting in libzmq (ZMQ_RCVTIMEO) until <paramref name="deadline"/> (-1: no limit).</summary>
    private bool ReceiveBlocking(IntPtr socket, long deadline, out ReadOnlySpan<byte> part, out bool more)
    {
        while (true)
        {
            var wait = deadline < 0 ? -1 : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            if (wait != _receiveTimeout)
            {
                if (NativeOptions.SetInt(socket, ZmqNative.RcvTimeo, wait) != 0) throw ZmqNative.Failure("setting ZMQ_RCVTIMEO");
                _receiveTimeout = wait;
            }
            if (_received.TryReceive(socket, out var errno, block: true)) return Received(out part, out more);
            if (errno != ZmqNative.EAgain && errno != ZmqNative.EIntr) throw ZmqNative.Failure("zmq_msg_recv");
            if (wait == 0 || (errno == ZmqNative.EAgain && deadline >= 0 && deadline - Environment.TickCount64 <= 0))
            {
                part = default;
                more = false;
                return false;
            }
        }
    }

    public bool TrySend(ReadOnlySpan<byte> part, bool more, TimeSpan timeout)
    {
        var socket = Handle;
        var deadline = Deadline(timeout);
        var flags = ZmqNative.DontWait | (more ? ZmqNative.SndMore : 0);
        fixed (byte* data = part)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (ZmqNative.zmq_send(socket, data, (nuint)part.Length, RetryFlags(flags, attempt)) >= 0)
                {
                    if (attempt == 0) _backlog?.SendFoundFull(false);
                    return true;
                }
                if (!AwaitRoom(socket, deadline, "zmq_send")) return false;
                // Only after AwaitRoom has read the send's errno: the cut makes system calls of its own.
                if (attempt == 0) _backlog?.SendFoundFull(true);
            }
        }
    }

    /// <summary>
    /// The flags of a send's attempt: the first never blocks; a publisher waiting for room (<see cref="_waitsInSend"/>)
    /// retries with a blocking send, which libzmq wakes as soon as the reader has taken the queued message.
    /// </summary>
    private int RetryFlags(int flags, int attempt) => attempt > 0 && _waitsInSend ? flags & ~ZmqNative.DontWait : flags;

    /// <summary>
    /// After a send failed: throws on a real error, else waits for room until the deadline. True: try again; false:
    /// timed out. A publisher waiting for room has waited in its (blocking) retry already: it only checks the deadline
    /// (polling cannot help it: libzmq reports POLLOUT on a ZMQ_XPUB_NODROP socket even when its queue is full).
    /// </summary>
    private bool AwaitRoom(IntPtr socket, long deadline, string call)
    {
        var errno = ZmqNative.zmq_errno();
        if (errno != ZmqNative.EAgain && errno != ZmqNative.EIntr) throw ZmqNative.Failure(call);
        if (_waitsInSend) return deadline < 0 || (deadline != 0 && deadline - Environment.TickCount64 > 0);
        return Wait(socket, ZmqNative.PollOut, deadline, null, out _);
    }

    /// <summary>Parts smaller than this are copied: pinning and the release callback would cost more than the copy.</summary>
    private const int BorrowThreshold = 64 * 1024;

    public bool TrySendBorrowed(ReadOnlyMemory<byte> part, TimeSpan timeout, out SendRelease release)
    {
        if (part.Length < BorrowThreshold)
        {
            release = SendRelease.Done;
            return TrySend(part.Span, more: false, timeout);
        }
        var socket = Handle;
        var deadline = Deadline(timeout);
        release = new SendRelease(PinToLend(part));
        var hint = GCHandle.Alloc(release);
        var msg = stackalloc long[ZmqNative.MsgSize / sizeof(long)];
        if (ZmqNative.zmq_msg_init_data(msg, release.Pointer, (nuint)part.Length, &Released, (void*)GCHandle.ToIntPtr(hint)) != 0)
        {
            hint.Free();
            release.Release();
            throw ZmqNative.Failure("zmq_msg_init_data");
        }
        var sent = false;
        try
        {
            // On success libzmq owns the message and calls Released when it has written it.
            for (var attempt = 0; !sent; attempt++)
            {
                sent = ZmqNative.zmq_msg_send(msg, socket, RetryFlags(ZmqNative.DontWait, attempt)) >= 0;
                if (!sent && !AwaitRoom(socket, deadline, "zmq_msg_send")) return false;
            }
            return true;
        }
        finally
        {
            if (!sent) _ = ZmqNative.zmq_msg_close(msg); // calls Released: nothing holds the memory any more
        }
    }

    /// <summary>
    /// Pins a part for libzmq to read. A large array is pinned once for as long as this socket keeps sending from it
    /// (see <see cref="PinnedArrayLease"/>); anything else is pinned for this send.
    /// </summary>
    private System.Buffers.MemoryHandle PinToLend(ReadOnlyMemory<byte> part)
    {
        if (!MemoryMarshal.TryGetArray(part, out var segment) || segment.Array is not { Length: >= PinnedArrayLease.MinimumLength } array)
            return part.Pin();
        if (!ReferenceEquals(_lease?.Array, array))
        {
            _lease?.Retire();
            _lease = new PinnedArrayLease(array);
        }
        return _lease.Lend(segment.Offset);
    }

    public int TrailingSpaces(ReadOnlyMemory<byte> payload, int jsonLength, bool delimiter)
    {
        // Copied parts and, with CURVE, encrypted ones are written from libzmq's own memory, not from the payload's.
        if (payload.Length < BorrowThreshold || _secure) return 0;
        fixed (byte* data = payload.Span) return CopyAlignment.TrailingSpaces((nuint)data, payload.Length, jsonLength, delimiter);
    }

    /// <summary>libzmq's free function for borrowed parts (called on its I/O thread, or in zmq_msg_close).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Released(void* data, void* hint)
    {
        var handle = GCHandle.FromIntPtr((IntPtr)hint);
        var release = (SendRelease)handle.Target!;
        handle.Free();
        release.Release();
    }

    public bool CanTakeParts => true;

    public System.Buffers.MemoryManager<byte>? TakeLastPart()
    {
        _ = Handle; // not disposed
        return _received.TryTake();
    }

    /// <summary>Every server's first frame arrives unasked: glibc's burst mode, where the process opted in (<see cref="NativeHeap"/>).</summary>
    public void ExpectUnaskedFrames() => NativeHeap.UnaskedFrame();

    public bool EnableWakeUp()
    {
        _ = Handle; // not disposed
        _wakeUp ??= new NativeWakeUp(_context);
        return true;
    }

    public void WakeUp() => _wakeUp?.Wake();

    public bool TryGetEvent(out TransportEvent transportEvent)
    {
        if (_monitor is null || Volatile.Read(ref _disposed) != 0)
        {
            // A publisher without a monitor of its own: its buffers' monitor keeps its failed security handshakes.
            if (_monitor is null && _backlog is not null && Volatile.Read(ref _disposed) == 0) return _backlog.TryTakeFailure(out transportEvent);
            transportEvent = default;
            return false;
        }
        if (_wire is not null && _wire.TryTake(out var cut))
        {
            // Closed by the hooks as libzmq read it: the guard need not follow it any more.
            _unread?.Forget(cut.Connection);
            transportEvent = new TransportEvent(TransportEventKind.MessageTooLarge, BoundEndpoint(cut.Port), cut.Connection, cut.Detail);
            return true;
        }
        if (_unread is null) return NextObserved(out transportEvent);
        _unread.Check(Environment.TickCount64);
        if (_unread.TryTakeEvent(out transportEvent)) return true;
        if (!NextObserved(out transportEvent)) return false;
        _unread.Observe(transportEvent);
        return true;
    }

    /// <summary>The endpoint bound on <paramref name="port"/> exactly as libzmq reported it (as its events name it); null when none is.</summary>
    private string? BoundOn(int port) => _bound.Keys.FirstOrDefault(e => Endpoints.PortOf(e) == port);

    /// <summary><see cref="BoundOn"/>, or a wildcard endpoint of the port where none is bound any more.</summary>
    private string BoundEndpoint(int port) => BoundOn(port) ?? string.Create(CultureInfo.InvariantCulture, $"tcp://*:{port}");

    /// <summary><see cref="NextEvent"/>; a closed connection is forgotten by <see cref="_backlog"/> (its descriptor may be reused).</summary>
    private bool NextObserved(out TransportEvent transportEvent)
    {
        if (!NextEvent(out transportEvent)) return false;
        if (transportEvent.Kind == TransportEventKind.Disconnected) _backlog?.Forget(transportEvent.Connection);
        return true;
    }

    /// <summary>The next connection event: libzmq's, or one of shedding a flooded endpoint.</summary>
    private bool NextEvent(out TransportEvent transportEvent)
    {
        var monitor = _monitor!;
        if (_shedding is null) return monitor.TryGetEvent(out transportEvent);
        if (_rebinds.Count > 0) RetryRebinds();
        if (_shedding.TryTakePending(out transportEvent)) return true;
        while (monitor.TryGetEvent(out transportEvent))
        {
            if (!_shedding.Observe(transportEvent)) continue;
            if (_shedding.PortToShed() is not { } port) return true;
            _shedding.Hold(transportEvent);
            Shed(port);
            return _shedding.TryTakePending(out transportEvent);
        }
        return false;
    }

    /// <summary>
    /// Closes every connection of <paramref name="port"/> by unbinding its endpoint (libzmq's listener owns the
    /// connections it accepted), then binds it again (<see cref="RetryRebinds"/>). See <see cref="ConnectionShedding"/>.
    /// </summary>
    private void Shed(int port)
    {
        // The bound endpoint exactly as libzmq reported it: an unbind by another spelling makes libzmq resolve the
        // address, which needs a descriptor (and asserts without one).
        if (BoundOn(port) is not { } endpoint) return;
        // Events already queued happened before the unbind: into the accounts first, handed out in order later.
        while (_monitor!.TryGetEvent(out var earlier))
            if (_shedding!.Observe(earlier)) _shedding.Hold(earlier);
        if (ZmqNative.zmq_unbind(Handle, endpoint) != 0) return;
        _shedding!.Shed(port, endpoint);
        _rebinds[endpoint] = (0, 5);
        RetryRebinds();
    }

    /// <summary>
    /// Binds shed endpoints again once descriptors are free; one whose old listener is not closed yet (or while
    /// descriptors are short) waits longer each time, up to 1 s.
    /// </summary>
    private void RetryRebinds()
    {
        var now = Environment.TickCount64;
        foreach (var (endpoint, (due, wait)) in _rebinds.ToArray())
        {
            if (now < due) continue;
            var asked = _bound.GetValueOrDefault(endpoint, endpoint);
            try
            {
                if (!_shedding!.HasRoom()) throw new NetGearException("too few file descriptors left to bind " + asked);
                Bind(asked);
                _rebinds.Remove(endpoint);
            }
            catch (NetGearException)
            {
                _rebinds[endpoint] = (now + wait, Math.Min(wait * 2, 1000));
            }
        }
    }

    /// <summary>The deadline in <see cref="Environment.TickCount64"/> ms: -1 for ever, 0 for no wait.</summary>
    private static long Deadline(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan) return -1;
        if (timeout <= TimeSpan.Zero) return 0;
        return Environment.TickCount64 + NativeOptions.Milliseconds(timeout);
    }

    /// <summary>
    /// Polls for the events until the deadline. True when they are signalled (or a signal interrupted the wait), or
    /// with <paramref name="woken"/> when <paramref name="wakeUp"/> was signalled.
    /// </summary>
    private static bool Wait(IntPtr socket, short events, long deadline, NativeWakeUp? wakeUp, out bool woken)
    {
        woken = false;
        long wait;
        if (deadline == 0) return false;
        if (deadline < 0) wait = -1;
        else
        {
            wait = deadline - Environment.TickCount64;
            if (wait <= 0) return false;
        }
        var items = stackalloc ZmqPollItem[2];
        items[0] = new ZmqPollItem { Socket = socket, Events = events };
        if (wakeUp is not null) items[1] = new ZmqPollItem { Socket = wakeUp.Socket, Events = ZmqNative.PollIn };
        var rc = ZmqNative.zmq_poll(items, wakeUp is null ? 1 : 2, new System.Runtime.InteropServices.CLong((nint)wait));
        woken = rc > 0 && wakeUp is not null && (items[1].Revents & ZmqNative.PollIn) != 0;
        if (rc < 0)
        {
            if (ZmqNative.zmq_errno() == ZmqNative.EIntr) return true;
            throw ZmqNative.Failure("zmq_poll");
        }
        // On a poll timeout, the caller's next attempt sees the deadline passed (or a spurious wake-up retries).
        return rc > 0 || deadline < 0 || deadline - Environment.TickCount64 > 0;
    }

    /// <summary>The libzmq socket; throws once disposed.</summary>
    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _socket;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        GC.SuppressFinalize(this);
        Release();
    }

    /// <summary>Frees the native socket if the owner forgot to (zmq_close does not block; the context is never terminated here).</summary>
    ~NativeSocket()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Release();
    }

    private void Release()
    {
        _wire?.Close();
        _monitor?.Dispose();
        _backlog?.Dispose();
        if (_zapDomain is not null) _zap?.Unregister(_zapDomain);
        _wakeUp?.Dispose();
        _received.Dispose();
        if (_socket != IntPtr.Zero) _ = ZmqNative.zmq_close(_socket);
        _socket = IntPtr.Zero;
        // Unpinned once libzmq has released the sends still queued on the closed socket.
        _lease?.Retire();
        _lease = null;
    }
}
