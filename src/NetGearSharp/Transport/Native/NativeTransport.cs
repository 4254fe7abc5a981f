using NetGearSharp.Transport.Native.Wire;
using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// The system's libzmq through P/Invoke (Debian package <c>libzmq5</c>): zero-copy receives, large frames lent
/// without copies, several I/O threads. <see cref="TransportKind.Auto"/> (the default) and
/// <see cref="TransportKind.Native"/> use <see cref="Default"/>; an application that wants other settings creates its
/// own and passes it as <c>CustomTransport</c> in the client's or server's options, and disposes it after them.
/// </summary>
public sealed class NativeTransport : ITransport, IDisposable
{
    private static readonly Lazy<NativeTransport> Shared = new(() => new NativeTransport(null, owned: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ZmqContext _context;
    private readonly bool _owned;
    private readonly Lock _zapGate = new();
    private NativeZapHandler? _zap;

    /// <summary>Creates a transport with its own libzmq context.</summary>
    /// <param name="options">Its settings; null for the defaults.</param>
    /// <exception cref="NetGearException">libzmq is not installed (the message says which package to install).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public NativeTransport(NativeTransportOptions? options = null)
        : this(options, owned: true)
    {
    }

    private NativeTransport(NativeTransportOptions? options, bool owned)
    {
        options ??= new NativeTransportOptions();
        if (options.IoThreads is < 1 or > 64)
            throw new ArgumentException($"IoThreads {options.IoThreads} is outside the allowed range 1-64 (null: one per processor, at most 4).", nameof(options));
        Interop.NativeLibraries.EnsureRegistered();
        IoThreadCount = options.IoThreads ?? IoThreads.Default;
        _context = new ZmqContext(IoThreadCount);
        _owned = owned;
    }

    /// <summary>
    /// The process's shared native transport, created on first use with the default settings. Its libzmq context (and
    /// its I/O threads, once started) lives until the process ends; disposing it does nothing.
    /// </summary>
    /// <exception cref="NetGearException">libzmq is not installed (the message says which package to install).</exception>
    public static NativeTransport Default => Shared.Value;

    /// <summary>The libzmq I/O threads of this transport's context.</summary>
    public int IoThreadCount { get; }

    /// <summary>libzmq's version, e.g. <c>4.3.4</c>.</summary>
    public static string LibraryVersion => ZmqContext.Version;

    /// <inheritdoc />
    public string Name => "native";

    /// <inheritdoc />
    public ITransportSocket CreateSocket(SocketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var type = spec.Kind switch
        {
            SocketKind.Pair => ZmqNative.Pair,
            SocketKind.Req => ZmqNative.Req,
            SocketKind.Rep => ZmqNative.Rep,
            SocketKind.Router => ZmqNative.Router,
            SocketKind.Dealer => ZmqNative.Dealer,
            SocketKind.Pub => spec.ReportSubscriptions ? ZmqNative.XPub : ZmqNative.Pub,
            SocketKind.Sub => ZmqNative.Sub,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Allowed: Pair, Req, Rep, Router, Dealer, Pub, Sub."),
        };
        var context = _context.Handle;
        var socket = ZmqNative.zmq_socket(context, type);
        if (socket == IntPtr.Zero) throw ZmqNative.Failure($"zmq_socket({spec.Kind})");
        try
        {
            if (spec.Curve is not null && ZmqNative.zmq_has("curve") != 1)
                throw new NetGearException($"The system's libzmq {ZmqContext.Version} was built without CURVE security; use the NetMQ transport for StoneHouse, or a libzmq built with libsodium.");
            NativeOptions.Apply(socket, spec);
            // With the hooks (where the application asked for them), every socket's writes are followed (a write that
            // ends inside a frame leaves with the rest of it), and a client's connections' messages are counted as
            // libzmq reads them.
            var hooked = WireHooks.TryInstall();
            var wire = spec.Monitor && spec.MaxUnreadBytes > 0 && hooked ? new WireWatch(MessageCap.For(spec), spec.MaxMessageSize) : null;
            return new NativeSocket(context, socket, spec.Monitor, spec.Curve, spec.Curve?.Authorizer is null ? null : Zap, NativeOptions.WaitsInSend(spec), spec.MaxUnreadBytes, wire,
                BacklogBuffers.For(spec, context, socket))
            {
                BindsSpreadOver = spec.IoThreadPerEndpoint && !spec.SingleIoThread ? IoThreadCount : 1,
            };
        }
        catch
        {
            _ = ZmqNative.zmq_close(socket);
            throw;
        }
    }

    /// <summary>This context's ZAP handler (IronHouse), created with the first IronHouse socket.</summary>
    internal NativeZapHandler Zap
    {
        get
        {
            lock (_zapGate) return _zap ??= new NativeZapHandler(_context.Handle);
        }
    }

    /// <summary>
    /// Terminates this transport's libzmq context (ends its I/O threads), waiting until every socket made by it is
    /// closed: dispose the clients and servers that use it first. Stops its ZAP handler (IronHouse), if one was started. Does nothing for <see cref="Default"/>.
    /// </summary>
    public void Dispose()
    {
        if (!_owned) return;
        lock (_zapGate) _zap?.Dispose(); // its socket is closed before the context is terminated
        _context.Dispose();
    }
}
