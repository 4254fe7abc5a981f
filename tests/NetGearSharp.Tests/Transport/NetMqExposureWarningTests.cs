using NetGearSharp.TestSupport;
using NetGearSharp.Transport;
using NetGearSharp.Transport.NetMq;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// A multi-server client that listens on the network through NetMQ in secure mode is warned that a sender holding the
/// key can speak for another server there (NetMQ's gate cannot read encrypted headers; issue 11 item 5), where the
/// native transport can tell each message's connection. Without secure mode the gate checks every header: no warning.
/// </summary>
public class NetMqExposureWarningTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("*")]
    [InlineData("192.168.1.5")]
    public void A_secure_NetMQ_client_on_a_network_address_is_warned(string address)
    {
        var logs = new CollectingLoggerFactory();
        TransportSelection.WarnIfExposed(NetMqTransport.Instance, TransportKind.NetMq, NetGearProtocol.Tcp, address, multiServer: true, SecureMode.StoneHouse, logs.CreateLogger("test"));
        var line = Assert.Single(logs.Lines);
        Assert.Contains("Warning", line);
        Assert.Contains($"The NetMQ transport listens on {address} in secure mode", line);
        Assert.Contains("another server's name", line);
    }

    [Theory]
    [InlineData("0.0.0.0", TransportKind.NetMq, NetGearProtocol.Tcp, SecureMode.Grasslands, true)] // the gate checks the headers
    [InlineData("0.0.0.0", TransportKind.NetMq, NetGearProtocol.Tcp, SecureMode.StoneHouse, false)] // one server: nobody to speak for
    [InlineData("127.0.0.1", TransportKind.NetMq, NetGearProtocol.Tcp, SecureMode.StoneHouse, true)]
    [InlineData("localhost", TransportKind.NetMq, NetGearProtocol.Tcp, SecureMode.StoneHouse, true)]
    [InlineData("::1", TransportKind.NetMq, NetGearProtocol.Tcp, SecureMode.StoneHouse, true)]
    [InlineData("/tmp/netgear", TransportKind.NetMq, NetGearProtocol.Ipc, SecureMode.StoneHouse, true)]
    [InlineData("0.0.0.0", TransportKind.Auto, NetGearProtocol.Tcp, SecureMode.StoneHouse, true)] // Auto's fallback is warned about on its own
    public void Otherwise_there_is_no_such_warning(string address, TransportKind kind, NetGearProtocol protocol, SecureMode secureMode, bool multiServer)
    {
        var logs = new CollectingLoggerFactory();
        TransportSelection.WarnIfExposed(NetMqTransport.Instance, kind, protocol, address, multiServer, secureMode, logs.CreateLogger("test"));
        Assert.Empty(logs.Lines);
    }
}
