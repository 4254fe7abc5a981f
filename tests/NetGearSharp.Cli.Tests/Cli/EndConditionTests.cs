using NetGearSharp.Cli.Viewing;

namespace NetGearSharp.Cli.Tests.Cli;

public sealed class EndConditionTests
{
    private static ServerInfo Server(int port, ServerState state) => new()
    {
        Port = port, State = state, Frames = 0, Bytes = 0, FramesPerSecond = 0, BytesPerSecond = 0, Malformed = 0,
        Dropped = 0, FilteredOut = 0, Connections = 0, FirstSeen = null, LastSeen = null, LastMessage = null,
    };

    [Fact]
    public void A_server_that_finishes_before_another_connects_does_not_end_the_view()
    {
        var end = new EndCondition(waitFirst: null);
        Assert.False(end.AllGone([Server(1, ServerState.Terminated), Server(2, ServerState.Waiting)], TimeSpan.FromHours(1)));
        Assert.True(end.AllGone([Server(1, ServerState.Terminated), Server(2, ServerState.Lost)], TimeSpan.Zero));
        Assert.False(end.AllGone([Server(1, ServerState.Terminated), Server(2, ServerState.Stale)], TimeSpan.Zero));
    }

    [Fact]
    public void After_wait_first_servers_that_never_came_are_given_up()
    {
        var end = new EndCondition(TimeSpan.FromSeconds(5));
        IReadOnlyList<ServerInfo> servers = [Server(1, ServerState.Terminated), Server(2, ServerState.Waiting)];
        Assert.False(end.AllGone(servers, TimeSpan.FromSeconds(4)));
        Assert.True(end.AllGone(servers, TimeSpan.FromSeconds(5)));
        Assert.False(end.NoServerInTime(servers, TimeSpan.FromSeconds(5)));
        Assert.True(end.NoServerInTime([Server(1, ServerState.Waiting)], TimeSpan.FromSeconds(5)));
    }
}
