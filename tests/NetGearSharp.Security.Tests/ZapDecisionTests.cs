using System.Text;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

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

    private static byte[][] Request(string domain, CurveKeyPair keys) =>
    [
        "1.0"u8.ToArray(), "1"u8.ToArray(), Encoding.UTF8.GetBytes(domain), "127.0.0.1"u8.ToArray(), [], "CURVE"u8.ToArray(),
        CurveKeys.ToBytes(keys.PublicKey),
    ];
}
