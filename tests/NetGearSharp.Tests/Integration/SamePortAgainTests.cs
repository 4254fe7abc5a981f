using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// A client on the ports of one that has just ended or been disposed binds them (libzmq and NetMQ let a listener go on
/// their I/O threads a few milliseconds after the close; before, the new client failed with PortInUseException
/// about one time in two right after <see cref="NetGearClient.Completion"/>).
/// </summary>
public sealed class SamePortAgainTests
{
    private const int Rounds = 8;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_new_client_binds_the_port_of_one_that_has_just_ended(TransportKind transport)
    {
        var port = FreePorts.One();
        for (var round = 0; round < Rounds; round++)
        {
            // Not disposed before the next one binds: only its end has let the port go.
            var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
            try
            {
                await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport), (_, server) =>
                {
                    using var frame = TestFrames.Numbered(0, round);
                    server.Send(frame);
                }).WaitAsync(TimeSpan.FromSeconds(30)); // then its goodbye: the client ends
                Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
                using var next = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
                Assert.Equal(port, next.Ports.Single());
            }
            finally
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task DisposeAsync_racing_Dispose_returns_once_the_port_is_let_go(TransportKind transport)
    {
        var port = FreePorts.One();
        for (var round = 0; round < Rounds; round++)
        {
            var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
            var disposing = Task.Run(client.Dispose);
            await client.DisposeAsync(); // before: returned at once while the other thread was still disposing
            await disposing.WaitAsync(TimeSpan.FromSeconds(30));
            using var next = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        }
    }
}
