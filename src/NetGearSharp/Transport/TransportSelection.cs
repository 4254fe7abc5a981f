using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;
using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.NetMq;

namespace NetGearSharp.Transport;

/// <summary>Turns a client's or server's transport options into the transport to use.</summary>
internal static class TransportSelection
{
    private static readonly Lock Gate = new();
    private static ITransport? s_auto;
    private static string? s_autoReason;
    /// <summary>The once-per-process line that says which transport <see cref="TransportKind.Auto"/> chose, and why.</summary>
    private static readonly Logging.OnceLine s_choiceLine = new();

    /// <summary>
    /// <paramref name="custom"/> when given; else the transport of <paramref name="kind"/>. <see cref="TransportKind.Auto"/>
    /// tries libzmq once per process and falls back to NetMQ; the choice and its reason are logged once, to the first
    /// logger enabled for the line's level.
    /// </summary>
    public static ITransport Resolve(TransportKind kind, ITransport? custom, ILogger logger) => Resolve(kind, custom, logger, s_choiceLine);

    /// <summary>
    /// <see cref="Resolve(TransportKind, ITransport?, ILogger)"/> saying the choice of <see cref="TransportKind.Auto"/> on
    /// <paramref name="choiceLine"/>: it is said to the first logger enabled for its level (a client made without a logger
    /// does not use it up). Tests pass a line of their own.
    /// </summary>
    internal static ITransport Resolve(TransportKind kind, ITransport? custom, ILogger logger, Logging.OnceLine choiceLine)
    {
        if (custom is not null) return custom;
        switch (kind)
        {
            case TransportKind.NetMq: return NetMqTransport.Instance;
            case TransportKind.Native: return NativeTransport.Default;
        }
        string reason;
        ITransport transport;
        lock (Gate)
        {
            if (s_auto is null)
            {
                try
                {
                    s_auto = NativeTransport.Default;
                    s_autoReason = $"libzmq {NativeTransport.LibraryVersion} loaded";
                }
                catch (NetGearException ex)
                {
                    s_auto = NetMqTransport.Instance;
                    s_autoReason = "libzmq could not be loaded (" + (ex.InnerException is null ? ex.Message : Interop.NativeLibraries.Describe("zmq")) + "); install libzmq5 for the native transport: NetMQ is slower (docs/performance.md)";
                }
            }
            transport = s_auto;
            reason = s_autoReason!;
        }
        var level = transport is NetMqTransport ? LogLevel.Warning : LogLevel.Information;
        choiceLine.TryWrite(logger, level, l => l.TransportChosen(level, transport.Name, reason));
        return transport;
    }

    /// <summary>
    /// Warns when a multi-server client listens on the network (TCP, not loopback) through NetMQ in secure mode. NetMQ
    /// cannot tell which connection a message came from, so its gate reads each header to check the port it names, and
    /// cannot read an encrypted one: there a sender holding the client's public key can send frames and goodbyes in
    /// another server's name (docs/reliability.md). Without secure mode the gate checks, and nothing is warned about; a
    /// fallback of <see cref="TransportKind.Auto"/> is warned about already.
    /// </summary>
    public static void WarnIfExposed(ITransport transport, TransportKind kind, NetGearProtocol protocol, string address, bool multiServer, SecureMode secureMode, ILogger logger)
    {
        if (transport is not NetMqTransport || kind != TransportKind.NetMq || protocol != NetGearProtocol.Tcp) return;
        if (!multiServer || secureMode == SecureMode.Grasslands) return;
        if (address is "localhost" || System.Net.IPAddress.TryParse(address, out var ip) && System.Net.IPAddress.IsLoopback(ip)) return;
        logger.NetMqSecureExposed(address);
    }

    /// <summary>
    /// Whether <paramref name="transport"/> reports failed handshakes (libzmq's monitor events: a peer of another secure
    /// mode, a key refused); NetMQ 4.0.4.5 has no handshake events.
    /// </summary>
    public static bool ReportsHandshakes(ITransport transport) => transport is NativeTransport;

    /// <summary>Whether ZMTP heartbeats are safe by default on <paramref name="transport"/> (libzmq yes; NetMQ can slip a PING between a message's parts).</summary>
    public static bool HeartbeatsSafe(ITransport transport) => transport is not NetMqTransport;

    /// <summary>
    /// Whether a publisher can wait for room in its queue (libzmq's <c>ZMQ_XPUB_NODROP</c>); NetMQ has no such option and
    /// drops a frame whenever its queue is full.
    /// </summary>
    public static bool PublisherWaitsForRoom(ITransport transport) => transport is not NetMqTransport;
}
