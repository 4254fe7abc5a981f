using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// When a flood of connections is shed (the process is short of descriptors) and what the client is told then: a
/// <see cref="TransportEventKind.ConnectionsShed"/> and a close for each connection libzmq closes without an event.
/// </summary>
public class ConnectionSheddingTests
{
    // As libzmq names accepted connections: by their local address, not the bound endpoint's (tcp://0.0.0.0:5001).
    private const string Flooded = "tcp://127.0.0.1:5001";
    private const string FloodedElsewhere = "tcp://192.168.1.7:5001";
    private const string Bound = "tcp://0.0.0.0:5001";
    private const string Good = "tcp://127.0.0.1:5002";

    private static TransportEvent Accepted(string endpoint, long fd) => new(TransportEventKind.Accepted, endpoint, fd);
    private static TransportEvent Closed(string endpoint, long fd) => new(TransportEventKind.Disconnected, endpoint, fd);

    [Fact]
    public void WithDescriptorsToSpare_NothingIsShed()
    {
        var shedding = new ConnectionShedding(1024, _ => 500);
        for (var fd = 10; fd < 100; fd++)
        {
            Assert.True(shedding.Observe(Accepted(Flooded, fd)));
            Assert.Null(shedding.PortToShed());
        }
        Assert.Equal(90, shedding.OpenOn(5001));
    }

    [Fact]
    public void ShortOfDescriptors_TheEndpointWithTheMostConnectionsIsShed_AndEachOfItsConnectionsReportedClosed()
    {
        long free = 500;
        var counted = 0;
        var shedding = new ConnectionShedding(256, _ => { counted++; return free; });
        shedding.Observe(Accepted(Good, 5));
        int? toShed = null;
        for (var fd = 10; fd < 200 && toShed is null; fd++)
        {
            if (fd == 40) free = 20; // below the reserve of 32: taken by something else than this socket's accepts
            shedding.Observe(Accepted(fd % 2 == 0 ? Flooded : FloodedElsewhere, fd));
            toShed = shedding.PortToShed();
        }
        Assert.Equal(5001, toShed);
        Assert.Equal(2, counted); // at the first accept (far from the reserve: next in 64), then 64 accepts later

        shedding.Shed(5001, Bound);
        var events = new List<TransportEvent>();
        while (shedding.TryTakePending(out var ev)) events.Add(ev);
        Assert.Equal(TransportEventKind.ConnectionsShed, events[0].Kind);
        Assert.Contains("of its 256 file descriptors", events[0].Detail);
        var closed = events.Skip(1).ToList();
        Assert.All(closed, e => Assert.Equal((TransportEventKind.Disconnected, Bound), (e.Kind, e.Endpoint)));
        Assert.Equal(Enumerable.Range(10, 65).Select(i => (long)i).Order(), closed.Select(e => e.Connection).Order());
        Assert.Equal(0, shedding.OpenOn(5001));
        Assert.Equal(1, shedding.OpenOn(5002));
    }

    [Fact]
    public void The_free_descriptors_are_counted_more_often_as_accepts_take_them_and_never_let_the_reserve_go()
    {
        const long limit = 1024, others = 100;
        long accepted = 0;
        var counted = 0;
        long? freeAtShed = null;
        var shedding = new ConnectionShedding(limit, _ => { counted++; return limit - others - accepted; });
        for (var fd = 200; fd < 2000 && freeAtShed is null; fd++)
        {
            accepted++;
            shedding.Observe(Accepted(Flooded, fd));
            if (shedding.PortToShed() is not null) freeAtShed = limit - others - accepted;
        }
        // The reserve of a 1,024 limit is 64: shed at the first accept below it, after about 30 counts for 860 accepts
        // (every 8th accept would have been 108 counts).
        Assert.Equal(63, freeAtShed);
        Assert.InRange(counted, 20, 40);
    }

    [Fact]
    public void ALateCloseOfAShedConnectionIsDropped_ButAReusedDescriptorCountsAgain()
    {
        var shedding = new ConnectionShedding(256, _ => 0);
        for (var fd = 10; fd < 18; fd++) shedding.Observe(Accepted(Flooded, fd));
        Assert.Equal(5001, shedding.PortToShed());
        shedding.Shed(5001, Bound);
        while (shedding.TryTakePending(out _)) { }

        Assert.False(shedding.Observe(Closed(Flooded, 11)), "a close already reported when the endpoint was shed");
        Assert.True(shedding.Observe(Accepted(Flooded, 12)), "a new connection on a reused descriptor");
        Assert.True(shedding.Observe(Closed(Flooded, 12)), "its close is its own");
        Assert.Equal(0, shedding.OpenOn(5001));
    }

    [Fact]
    public void AnEndpointWithFewConnectionsIsNotShed_TheDescriptorsWentElsewhere()
    {
        var shedding = new ConnectionShedding(256, _ => 0);
        for (var fd = 10; fd < 17; fd++) shedding.Observe(Accepted($"tcp://127.0.0.1:{6000 + fd}", fd));
        shedding.Observe(Accepted(Flooded, 30));
        Assert.Null(shedding.PortToShed());
    }

    [Fact]
    public void EventsHeldWhileSheddingComeOutInOrderBeforeTheShedsOwn()
    {
        var shedding = new ConnectionShedding(256, _ => 0);
        for (var fd = 10; fd < 18; fd++) shedding.Observe(Accepted(Flooded, fd));
        var held = new TransportEvent(TransportEventKind.HandshakeSucceeded, Good);
        shedding.Hold(held);
        shedding.Shed(5001, Bound);
        Assert.True(shedding.TryTakePending(out var first));
        Assert.Equal(held, first);
        Assert.True(shedding.TryTakePending(out var second));
        Assert.Equal(TransportEventKind.ConnectionsShed, second.Kind);
    }

    [Theory]
    [InlineData(256, 32)]
    [InlineData(1024, 64)]
    [InlineData(65536, 4096)]
    public void TheReserveIsASixteenthOfTheLimit_AtLeast32(long limit, long reserve) =>
        Assert.Equal(reserve, DescriptorBudget.Reserve(limit));

    [Fact]
    public void ThisProcessHasALimitAndFreeDescriptors()
    {
        Assert.True(OperatingSystem.IsLinux());
        var limit = DescriptorBudget.SoftLimit();
        Assert.NotNull(limit);
        var free = DescriptorBudget.Free(limit!.Value);
        Assert.InRange(free, 1, limit.Value - 3); // stdin, stdout and stderr at least are open
    }
}
