using System.Text;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using NetGearSharp.Security.Tests.Support;
using ManualTimeProvider = NetGearSharp.TestSupport.ManualTimeProvider;

namespace NetGearSharp.Security.Tests;

/// <summary>The ZAP handler's answers and the monitor's handshake accounting, without sockets.</summary>
public sealed class ZapDecisionTests
{
    private static readonly CurveKeyPair General = CurveKeyPair.GenerateManaged();
    private static readonly CurveKeyPair CameraA = CurveKeyPair.GenerateManaged();
    private static readonly CurveKeyPair Stranger = CurveKeyPair.GenerateManaged();

    [Fact]
    public void A_port_with_its_own_list_accepts_only_that_list_others_the_allow_list()
    {
        var refusals = new List<string>();
        var policy = new ZapPolicy([General.PublicKey], new Dictionary<string, IReadOnlyCollection<string>> { ["5566"] = [CameraA.PublicKey] },
            (port, key, reason) => refusals.Add($"{port} {key} {reason}"));
        Assert.True(policy.Check("5566", CameraA.PublicKey));
        Assert.False(policy.Check("5566", General.PublicKey));
        Assert.Contains("allowed, but not on port 5566", refusals[^1]);
        Assert.True(policy.Check("5567", General.PublicKey));
        Assert.False(policy.Check("5567", CameraA.PublicKey));
        Assert.False(policy.Check("5567", Stranger.PublicKey));
        Assert.Contains("not in the allow-list", refusals[^1]);
        var reported = refusals.Count;
        Assert.False(policy.Check("5567", Stranger.PublicKey)); // refused again, but a retrying sender is not reported each time
        Assert.Equal(reported, refusals.Count);
    }

    [Fact]
    public void The_handler_answers_only_for_registered_IronHouse_domains()
    {
        using var transport = new NativeTransport();
        var zap = transport.Zap;
        var prefix = zap.Register(new ZapPolicy([General.PublicKey], new Dictionary<string, IReadOnlyCollection<string>>()));
        try
        {
            Assert.True(zap.IsRunning);
            Assert.Equal("200", zap.Decide(Request(NativeZapHandler.DomainFor(prefix, "5566"), General)).Code);
            Assert.Equal("400", zap.Decide(Request(NativeZapHandler.DomainFor(prefix, "5566"), Stranger)).Code);
            Assert.Equal("200", zap.Decide(Request("", Stranger)).Code); // a StoneHouse socket of the same context
        }
        finally
        {
            zap.Unregister(prefix);
        }
        Assert.Equal("400", zap.Decide(Request(NativeZapHandler.DomainFor(prefix, "5566"), General)).Code); // gone: denied
        Assert.Equal("500", zap.Decide([Encoding.ASCII.GetBytes("2.0")]).Code);
    }

    [Fact]
    public void Each_native_transport_has_its_own_handler_which_stops_with_it()
    {
        var first = new NativeTransport();
        using var second = new NativeTransport();
        var policy = new ZapPolicy([General.PublicKey], new Dictionary<string, IReadOnlyCollection<string>>());
        var one = first.Zap;
        var prefix = one.Register(policy);
        // Both bind inproc://zeromq.zap.01, each in its own context: no process-wide handler.
        second.Zap.Register(policy);
        Assert.True(one.IsRunning);
        Assert.True(second.Zap.IsRunning);
        one.Unregister(prefix);
        first.Dispose(); // stops the handler and closes its socket, or the context's termination would hang
        Assert.False(one.IsRunning);
        Assert.True(second.Zap.IsRunning);
        Assert.Throws<ObjectDisposedException>(() => one.Register(policy));
    }

    [Fact]
    public void Failed_security_handshakes_are_described_in_words_a_user_can_act_on()
    {
        // Which connections count as a server's is the registry's (handshake events, as for plain sockets); the monitor
        // reports a secure socket's failed handshakes as authentication failures with these words.
        Assert.Contains("refused", HandshakeFailure.Describe(ZmqNative.EventHandshakeFailedAuth, 400));
        Assert.Contains("wrong server.key", HandshakeFailure.Describe(ZmqNative.EventHandshakeFailedProtocol, 0x11000001));
        Assert.Contains("same secure mode", HandshakeFailure.Describe(ZmqNative.EventHandshakeFailedProtocol, 0x11000002));
    }

    [Fact]
    public void A_mechanism_mismatch_is_a_security_failure_on_a_plain_socket_too_and_is_told_from_each_side()
    {
        // A plain socket: only a peer that uses CURVE is a security matter, not a peer that closed or spoke no ZMTP.
        Assert.True(HandshakeFailure.IsSecurity(ZmqNative.EventHandshakeFailedProtocol, HandshakeFailure.MechanismMismatch, secure: false));
        Assert.False(HandshakeFailure.IsSecurity(ZmqNative.EventHandshakeFailedNoDetail, 104, secure: false));
        Assert.False(HandshakeFailure.IsSecurity(ZmqNative.EventHandshakeFailedProtocol, 0x10000001, secure: false));
        Assert.True(HandshakeFailure.IsSecurity(ZmqNative.EventHandshakeFailedNoDetail, 104, secure: true));
        var mismatch = (ZmqNative.EventHandshakeFailedProtocol, HandshakeFailure.MechanismMismatch);
        Assert.StartsWith("it uses CURVE security (secure mode) and this client does not", HandshakeFailure.Describe(mismatch.Item1, mismatch.Item2, secure: false, connecting: false));
        Assert.StartsWith("the client uses CURVE security (secure mode) and this server does not", HandshakeFailure.Describe(mismatch.Item1, mismatch.Item2, secure: false, connecting: true));
        Assert.StartsWith("the client does not use the same secure mode: it is not secure", HandshakeFailure.Describe(mismatch.Item1, mismatch.Item2, secure: true, connecting: true));
        Assert.StartsWith("the client refused this server's public key (ZAP status 400)", HandshakeFailure.Describe(ZmqNative.EventHandshakeFailedAuth, 400, secure: true, connecting: true));
    }

    [Fact]
    public void A_sender_warns_once_per_interval_and_of_a_closed_connection_only_when_it_repeats_without_an_answer()
    {
        var log = new CollectingLoggerFactory();
        var time = new ManualTimeProvider();
        var settings = NetGearSharp.Server.ServerSettings.From(new NetGearServerOptions
        {
            Port = 5566, MultiServerMode = true, Transport = TransportKind.NetMq, LoggerFactory = log, TimeProvider = time,
        });
        var warnings = new NetGearSharp.Server.HandshakeWarnings(settings);
        var closed = new TransportEvent(TransportEventKind.AuthenticationFailed, "tcp://127.0.0.1:5566", Detail: "closed") { Inconclusive = true };
        var answer = new TransportEvent(TransportEventKind.AuthenticationFailed, "tcp://127.0.0.1:5566", Detail: "refused");
        int Said(string reason) => log.Lines.Count(l => l.Contains("Warning", StringComparison.Ordinal) && l.EndsWith("did not accept the connection: " + reason, StringComparison.Ordinal));

        warnings.Failed(closed); // the client may have answered and closed before the answer was read: not said yet
        Assert.Equal(0, Said("closed"));
        warnings.Failed(answer); // an answer is said at once
        warnings.Failed(answer); // not again within the interval
        warnings.Failed(closed);
        warnings.Failed(closed); // twice, but an answer was said lately
        Assert.Equal(1, Said("refused"));
        Assert.Equal(0, Said("closed"));
        Assert.Contains("Server for port 5566: the client at tcp://127.0.0.1:5566 did not accept the connection: refused", log.Text);

        time.Advance(NetGearSharp.Server.HandshakeWarnings.Interval);
        warnings.Failed(answer); // the interval has passed
        Assert.Equal(2, Said("refused"));
        time.Advance(NetGearSharp.Server.HandshakeWarnings.Interval);
        warnings.Failed(closed);
        warnings.Failed(closed); // closed twice in a row with no answer between: said
        Assert.Equal(1, Said("closed"));
        warnings.Failed(answer); // a closed connection does not hold back an answer's warning
        Assert.Equal(3, Said("refused"));
    }

    private static byte[][] Request(string domain, CurveKeyPair keys) =>
    [
        "1.0"u8.ToArray(), "1"u8.ToArray(), Encoding.UTF8.GetBytes(domain), "127.0.0.1"u8.ToArray(), [], "CURVE"u8.ToArray(),
        CurveKeys.ToBytes(keys.PublicKey),
    ];
}
