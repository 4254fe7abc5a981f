using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// A client given a host name binds it as its address on either transport (libzmq binds only IP addresses and
/// interface names: "localhost" failed with "No such device" on the native transport).
/// </summary>
public sealed class HostNameBindTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_client_bound_to_localhost_receives(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport) with { Address = "localhost" });
        Assert.Equal($"tcp://127.0.0.1:{port}", client.Endpoints.Single());
        var collecting = Collect.UntilEnd(client, TimeSpan.FromSeconds(30));
        await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport) with { Address = "localhost" },
            (i, server) => ServerFleet.SendNumbered(server, i, 3)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await collecting).Count);
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_names_the_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions { Address = "no.such.host.invalid", Ports = [FreePorts.One()] }));
        Assert.Equal("Address", ex.ParamName);
        Assert.Contains("'no.such.host.invalid' does not resolve", ex.Message);
    }
}
