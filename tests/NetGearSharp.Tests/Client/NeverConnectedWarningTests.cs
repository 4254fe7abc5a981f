using System.Globalization;
using System.Text;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// A multi-port client ends when the servers that came are gone (by default it does not wait for every listed one):
/// when some of the list never connected, it says which, and which option would have waited for them. The log said
/// only "Client ends: AllServersGone", as if they had come and gone too.
/// </summary>
public sealed class NeverConnectedWarningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const int PortA = 5101, PortB = 5102, PortC = 5103;

    [Fact(Timeout = 60_000)]
    public async Task The_end_names_the_listed_ports_that_never_connected_and_WaitForAllServers()
    {
        var logs = new CollectingLoggerFactory();
        var transport = new InMemoryTransport();
        await using var client = new NetGearClient(new NetGearClientOptions { Ports = [PortA, PortB, PortC], CustomTransport = transport, LoggerFactory = logs });
        var socket = Assert.Single(transport.Sockets);
        socket.Accept(PortA);
        socket.Deliver(Frame(PortA, 1));
        socket.Deliver([Identity(PortA), [], new HeaderWriter(PortA.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteTerminate().ToArray()]);

        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));
        string[] lines;
        lock (logs.Lines) lines = logs.Lines.ToArray();
        var warning = Assert.Single(lines, l => l.Contains(" Warning ", StringComparison.Ordinal) && l.Contains("never connected", StringComparison.Ordinal));
        Assert.Contains($"Ports {PortB}, {PortC} never connected", warning);
        Assert.DoesNotContain(PortA.ToString(CultureInfo.InvariantCulture), warning);
        Assert.Contains("WaitForAllServers = true", warning);
    }

    [Fact(Timeout = 60_000)]
    public async Task When_every_listed_server_came_nothing_is_warned()
    {
        var logs = new CollectingLoggerFactory();
        var transport = new InMemoryTransport();
        await using var client = new NetGearClient(new NetGearClientOptions { Ports = [PortA], CustomTransport = transport, LoggerFactory = logs });
        var socket = Assert.Single(transport.Sockets);
        socket.Accept(PortA);
        socket.Deliver(Frame(PortA, 1));
        socket.Deliver([Identity(PortA), [], new HeaderWriter(PortA.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteTerminate().ToArray()]);

        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));
        lock (logs.Lines) Assert.DoesNotContain(logs.Lines, l => l.Contains("never connected", StringComparison.Ordinal));
    }

    /// <summary>A REQ server's frame as a ROUTER receives it: routing id, empty delimiter, header, payload (2x2 gray).</summary>
    internal static byte[][] Frame(int port, byte value)
    {
        var header = new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteFrame(null, ElementType.UInt8, [2, 2], null).ToArray();
        return [Identity(port), [], header, [value, value, value, value]];
    }

    internal static byte[] Identity(int port) => Encoding.ASCII.GetBytes("peer-" + port);
}
