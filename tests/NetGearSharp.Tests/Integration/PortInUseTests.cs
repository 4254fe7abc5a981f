using System.Net;
using System.Net.Sockets;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>A client whose port is taken says so, naming the port, with either transport.</summary>
public class PortInUseTests
{
    [Theory]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public void APortInUseIsAPortInUseException(TransportKind transport)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var ex = Assert.Throws<PortInUseException>(() => new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport }));
        Assert.Equal(port, ex.Port);
        Assert.StartsWith($"Port {port} is already in use (another program, or another client or server of this one, is bound to it)", ex.Message);
        Assert.IsAssignableFrom<NetGearException>(ex);
    }
}
