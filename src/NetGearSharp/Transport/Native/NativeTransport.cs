namespace NetGearSharp.Transport.Native;

/// <summary>
/// The system's libzmq through P/Invoke (Debian package <c>libzmq5</c>). One context per process; zero-copy
/// receives. Chosen with <see cref="TransportKind.Native"/>.
/// </summary>
internal sealed class NativeTransport : ITransport
{
    private static readonly Lazy<NativeTransport> Shared = new(() => new NativeTransport(), LazyThreadSafetyMode.PublicationOnly);

    private NativeTransport() => _ = ZmqContext.Handle;

    /// <summary>The transport; throws a clear <see cref="NetGearException"/> when libzmq is not installed.</summary>
    public static NativeTransport Instance => Shared.Value;

    public string Name => "native";

    public ITransportSocket CreateSocket(SocketSpec spec)
    {
        var type = spec.Kind switch
        {
            SocketKind.Pair => ZmqNative.Pair,
            SocketKind.Req => ZmqNative.Req,
            SocketKind.Rep => ZmqNative.Rep,
            SocketKind.Router => ZmqNative.Router,
            SocketKind.Dealer => ZmqNative.Dealer,
            SocketKind.Pub => ZmqNative.Pub,
            SocketKind.Sub => ZmqNative.Sub,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Allowed: Pair, Req, Rep, Router, Dealer, Pub, Sub."),
        };
        var socket = ZmqNative.zmq_socket(ZmqContext.Handle, type);
        if (socket == IntPtr.Zero) throw ZmqNative.Failure($"zmq_socket({spec.Kind})");
        try
        {
            if (spec.Curve is not null && ZmqNative.zmq_has("curve") != 1)
                throw new NetGearException($"The system's libzmq {ZmqContext.Version} was built without CURVE security; use the NetMQ transport for StoneHouse, or a libzmq built with libsodium.");
            NativeOptions.Apply(socket, spec);
            return new NativeSocket(socket, spec.Monitor, spec.Curve);
        }
        catch
        {
            ZmqNative.zmq_close(socket);
            throw;
        }
    }
}
