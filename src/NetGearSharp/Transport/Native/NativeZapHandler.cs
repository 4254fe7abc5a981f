using System.Globalization;
using System.Text;
using NetGearSharp.Security;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// The ZAP handler (ZeroMQ RFC 27) of one <see cref="NativeTransport"/>'s libzmq context: a REP socket on
/// <c>inproc://zeromq.zap.01</c> of that context, served by one background thread, started with the context's first
/// IronHouse socket and stopped when the transport is disposed (before its context is terminated). libzmq asks it about
/// every CURVE connection of the context; it answers from the <see cref="ZapPolicy"/> registered under the request's ZAP
/// domain.
/// <para>
/// Per-port identity: the ZAP request names no bound endpoint (its address is the peer's IP, its identity the socket's
/// routing id), and a client binds all its ports on one socket. But libzmq copies a socket's options into each
/// listener when it binds, so a socket that sets <c>ZMQ_ZAP_DOMAIN</c> to <c>netgearsharp-ironhouse/&lt;id&gt;/&lt;port&gt;</c>
/// before each bind has connections on each port ask under that port's domain.
/// </para>
/// Requests under any other domain (StoneHouse sockets of the same context) are allowed: they ask only because a handler
/// exists. Requests under an IronHouse domain whose registration is gone are denied.
/// </summary>
internal sealed unsafe class NativeZapHandler : IDisposable
{
    public const string Endpoint = "inproc://zeromq.zap.01";
    public const string DomainPrefix = "netgearsharp-ironhouse/";

    /// <summary>How long the handler thread waits for a request before it looks whether it is to stop.</summary>
    private const int PollMilliseconds = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ZapPolicy> _policies = new(StringComparer.Ordinal);
    private readonly IntPtr _context;
    private int _nextId;
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>A handler for the context <paramref name="context"/>; its thread starts with the first registration.</summary>
    public NativeZapHandler(IntPtr context) => _context = context;

    /// <summary>Registers a policy (starting the handler if needed); returns its domain prefix (without the port).</summary>
    public string Register(ZapPolicy policy)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_thread is null) Start();
            var id = DomainPrefix + (++_nextId).ToString(CultureInfo.InvariantCulture);
            _policies[id] = policy;
            return id;
        }
    }

    /// <summary>Removes a registration: connections under its domain are denied from now on.</summary>
    public void Unregister(string domainPrefix)
    {
        lock (_gate) _policies.Remove(domainPrefix);
    }

    /// <summary>Whether the handler thread is running (for tests).</summary>
    internal bool IsRunning
    {
        get
        {
            lock (_gate) return _thread is { IsAlive: true };
        }
    }

    /// <summary>The domain a socket sets before binding <paramref name="port"/>.</summary>
    public static string DomainFor(string domainPrefix, string port) => domainPrefix + "/" + port;

    /// <summary>Stops the handler thread and closes its socket (waits for it): call before the context is terminated.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            _stopping = true;
            thread = _thread;
        }
        thread?.Join();
    }

    private void Start()
    {
        var socket = ZmqNative.zmq_socket(_context, ZmqNative.Rep);
        if (socket == IntPtr.Zero) throw ZmqNative.Failure("zmq_socket(REP) for the ZAP handler");
        if (NativeOptions.SetInt(socket, ZmqNative.Linger, 0) != 0 || ZmqNative.zmq_bind(socket, Endpoint) != 0)
        {
            var failure = ZmqNative.Failure($"binding the ZAP handler to {Endpoint} (another ZAP handler in this transport's context?)");
            _ = ZmqNative.zmq_close(socket);
            throw failure;
        }
        _thread = new Thread(() => Serve(socket)) { IsBackground = true, Name = "NetGearSharp ZAP handler" };
        _thread.Start();
    }

    private void Serve(IntPtr socket)
    {
        using var message = new ZmqMessage();
        var parts = new List<byte[]>(7);
        try
        {
            while (!_stopping)
            {
                var item = new ZmqPollItem { Socket = socket, Events = ZmqNative.PollIn };
                var rc = ZmqNative.zmq_poll(&item, 1, new System.Runtime.InteropServices.CLong(PollMilliseconds));
                if (rc <= 0) continue;
                parts.Clear();
                while (message.TryReceive(socket, out _))
                {
                    parts.Add(message.Data.ToArray());
                    if (!message.More) break;
                }
                if (parts.Count == 0) continue;
                Reply(socket, parts);
            }
        }
        catch (Exception)
        {
            // Only a broken libzmq gets here. The socket stays bound until the transport is disposed (an unbound ZAP
            // endpoint would let every connection in), so IronHouse connections get no answer and fail their handshake.
            while (!_stopping) Thread.Sleep(PollMilliseconds);
        }
        finally
        {
            _ = ZmqNative.zmq_close(socket);
        }
    }

    /// <summary>Answers one request: version, request id, domain, address, identity, mechanism, credentials…</summary>
    private void Reply(IntPtr socket, List<byte[]> request)
    {
        var requestId = request.Count > 1 ? request[1] : [];
        var (code, text) = Decide(request);
        Send(socket, "1.0"u8, more: true);
        Send(socket, requestId, more: true);
        Send(socket, Encoding.ASCII.GetBytes(code), more: true);
        Send(socket, Encoding.UTF8.GetBytes(text), more: true);
        Send(socket, [], more: true); // user id
        Send(socket, [], more: false); // metadata
    }

    internal (string Code, string Text) Decide(IReadOnlyList<byte[]> request)
    {
        if (request.Count < 6 || Encoding.ASCII.GetString(request[0]) != "1.0") return ("500", "Malformed ZAP request");
        var domain = Encoding.UTF8.GetString(request[2]);
        var mechanism = Encoding.ASCII.GetString(request[5]);
        if (!domain.StartsWith(DomainPrefix, StringComparison.Ordinal)) return ("200", "OK");
        var slash = domain.LastIndexOf('/');
        var prefix = domain[..slash];
        var port = domain[(slash + 1)..];
        ZapPolicy? policy;
        lock (_gate) _policies.TryGetValue(prefix, out policy);
        if (policy is null) return ("400", "No such IronHouse socket");
        if (mechanism != "CURVE" || request.Count < 7 || request[6].Length != 32) return ("400", "IronHouse needs CURVE");
        var key = Z85.Encode(request[6]);
        return policy.Check(port, key) ? ("200", "OK") : ("400", "Public key not allowed on this port");
    }

    private static void Send(IntPtr socket, ReadOnlySpan<byte> part, bool more)
    {
        fixed (byte* data = part)
        {
            _ = ZmqNative.zmq_send(socket, data, (nuint)part.Length, more ? ZmqNative.SndMore : 0);
        }
    }
}
