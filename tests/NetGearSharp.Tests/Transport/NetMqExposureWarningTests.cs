using NetGearSharp.TestSupport;
using NetGearSharp.Transport;
using NetGearSharp.Transport.NetMq;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// A client that listens on the network through NetMQ is warned that NetMQ cannot tell which connection a message came
/// from (a peer can speak for another server; issue 11), where the native transport can.
/// </summary>
public class NetMqExposureWarningTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("*")]
    [InlineData("192.168.1.5")]
    public void A_NetMQ_client_on_a_network_address_is_warned(string address)
    {
        var logs = new CollectingLoggerFactory();
        TransportSelection.WarnIfExposed(NetMqTransport.Instance, TransportKind.NetMq, NetGearProtocol.Tcp, address, logs.CreateLogger("test"));
        var line = Assert.Single(logs.Lines);
        Assert.Contains("Warning", line);
        Assert.Contains($"The NetMQ transport listens on {address}", line);
        Assert.Contains("another server's name", line);
    }

    [Theory]
    [InlineData("127.0.0.1", TransportKind.NetMq, NetGearProtocol.Tcp)]
    [InlineData("localhost", TransportKind.NetMq, NetGearProtocol.Tcp)]
    [InlineData("::1", TransportKind.NetMq, NetGearProtocol.Tcp)]
    [InlineData("/tmp/netgear", TransportKind.NetMq, NetGearProtocol.Ipc)]
    [InlineData("0.0.0.0", TransportKind.Auto, NetGearProtocol.Tcp)] // Auto's fallback is warned about on its own
    public void Loopback_ipc_and_Auto_get_no_such_warning(string address, TransportKind kind, NetGearProtocol protocol)
    {
        var logs = new CollectingLoggerFactory();
        TransportSelection.WarnIfExposed(NetMqTransport.Instance, kind, protocol, address, logs.CreateLogger("test"));
        Assert.Empty(logs.Lines);
    }
}
