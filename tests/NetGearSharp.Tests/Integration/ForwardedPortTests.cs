using NetGearSharp.Protocol;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// A server behind a port forward that changes its port (Docker's <c>-p</c>, <c>ssh -L</c>, NAT) names in its header
/// the port it dials, not the client's. Mapped with <see cref="NetGearClientOptions.ForwardedPorts"/>, it is the server
/// of the client's port; unmapped, its frames are dropped as naming a port not in the list.
/// </summary>
public sealed class ForwardedPortTests
{
    private const int Frames = 5;

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_mapped_server_behind_a_forward_streams_and_says_goodbye_as_the_clients_port(TransportKind transport)
    {
        var ports = FreePorts.Take(2); // one server behind the forward, one direct
        await using var forward = new TcpForward(ports[0]);
        await using var client = new NetGearClient(ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with
        {
            ForwardedPorts = new Dictionary<int, int> { [forward.Port] = ports[0] },
        });

        var collecting = Collect.UntilEnd(client, TimeSpan.FromSeconds(30)); // read as they come: answers wait for the reader
        int[] dialled = [forward.Port, ports[1]];
        await ServerFleet.Run(dialled, i => ServerFleet.Options(dialled[i], NetGearPattern.ReqRep, transport), (i, server) => ServerFleet.SendNumbered(server, i, Frames))
            .WaitAsync(TimeSpan.FromSeconds(30));
        var got = await collecting;

        Assert.Equal(Frames, got.Count(p => p.Port == ports[0]));
        Assert.Equal(Frames, got.Count(p => p.Port == ports[1]));
        Assert.DoesNotContain(got, p => p.Port == forward.Port);
        Assert.All(client.Servers, s => Assert.Equal(ServerState.Terminated, s.State)); // the forwarded goodbye too
        Assert.Equal(0, client.Statistics.Malformed);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task An_unmapped_server_behind_a_forward_is_dropped_as_naming_an_unknown_port(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var forward = new TcpForward(port);
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport) with { AutoExit = false });

        await ServerFleet.Run([forward.Port], _ => ServerFleet.Options(forward.Port, NetGearPattern.ReqRep, transport), (_, server) =>
        {
            for (var n = 0; n < Frames; n++)
            {
                using var frame = TestFrames.Numbered(0, n);
                server.Send(frame, n); // answered all the same: the sender is not kept waiting
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, client.Statistics.TotalFrames);
        // The frames, and the goodbye that names the same port.
        Assert.Equal(Frames + 1, client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.UnknownPort));
    }

    [Fact]
    public void A_mapping_must_name_a_port_outside_the_list_onto_one_of_it()
    {
        // Refused while the options are checked, before any port is bound.
        var ports = FreePorts.Take(2);
        var (outside, other) = (FreePorts.One(), FreePorts.One());
        ArgumentException Refused(IReadOnlyDictionary<int, int> map)
            => Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, ForwardedPorts = map }));

        Assert.Contains($"maps port {ports[1]}, which is itself in Ports", Refused(new Dictionary<int, int> { [ports[1]] = ports[0] }).Message);
        Assert.Contains($"{other}, which is not in Ports", Refused(new Dictionary<int, int> { [outside] = other }).Message);
        Assert.Contains($"two ports to port {ports[0]}", Refused(new Dictionary<int, int> { [outside] = ports[0], [other] = ports[0] }).Message);
        Assert.Contains("70000", Refused(new Dictionary<int, int> { [70000] = ports[0] }).Message);
        var single = Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [ports[0]], MultiServerMode = false, ForwardedPorts = new Dictionary<int, int> { [outside] = ports[0] },
        }));
        Assert.Contains("multi-server mode", single.Message);
        Assert.Equal("ForwardedPorts", single.ParamName);
    }
}
