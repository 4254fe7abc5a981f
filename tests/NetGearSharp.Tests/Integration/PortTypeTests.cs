using NetGearSharp.Protocol;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>A port is an <c>int</c> everywhere in the API: what goes in is what comes out; the wire keeps VidGear's string.</summary>
public class PortTypeTests
{
    [Fact(Timeout = 30_000)]
    public async Task PortsComeOutAsTheIntsThatWentIn()
    {
        var ports = FreePorts.Take(2);
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, WaitForAllServers = true });
        Assert.Equal(ports, client.Ports);
        var events = new List<ServerEventArgs>();
        client.ServerStateChanged += (_, e) => { lock (events) events.Add(e); };
        var sending = Task.Factory.StartNew(() =>
        {
            foreach (var port in ports)
            {
                using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
                Assert.Equal(port, server.Port);
                using var frame = TestFrames.Numbered(0, 0);
                server.Send(frame);
            }
        }, TaskCreationOptions.LongRunning);
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(20));
        await sending;
        Assert.Equal(ports.Order(), got.Select(g => g.Port).Order());
        Assert.True(got[0].Port == ports[0] || got[0].Port == ports[1]); // compares as numbers
        Assert.Equal(ServerState.Terminated, client.GetServer(ports[0])!.State);
        Assert.Null(client.GetServer(1));
        Assert.Equal(ports.Order(), client.Servers.Select(s => s.Port).Order());
        lock (events) Assert.Contains(events, e => e.Port == ports[1] && e.Current == ServerState.Terminated);
    }

    [Fact]
    public void TheWireCarriesTheServersPortAsAString()
    {
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Create(null));
        var json = System.Text.Encoding.UTF8.GetString(writer.WriteTerminate().Span);
        Assert.Contains("\"port\":\"5566\"", json);
    }

    [Theory]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": true}")]
    [InlineData("{\"port\": 5566, \"terminate_flag\": true}")]
    public void TheWireMayCarryTheNumberAsAStringOrANumber(string header)
    {
        var result = HeaderReader.Parse(System.Text.Encoding.UTF8.GetBytes(header), out _, out var port);
        Assert.True(result.Success);
        Assert.Equal(5566, port);
    }
}
