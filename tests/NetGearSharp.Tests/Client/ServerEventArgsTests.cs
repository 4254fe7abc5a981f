namespace NetGearSharp.Tests.Client;

/// <summary>ServerEventArgs' public constructor (used by other sources of server events, e.g. the NATS source).</summary>
public class ServerEventArgsTests
{
    [Fact]
    public void TheConstructor_ChecksItsArguments()
    {
        var e = new ServerEventArgs(5566, ServerState.Connected, ServerState.Streaming);
        Assert.Equal((5566, ServerState.Connected, ServerState.Streaming), (e.Port, e.Previous, e.Current));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerEventArgs(0, ServerState.Connected, ServerState.Streaming));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerEventArgs(65536, ServerState.Connected, ServerState.Streaming));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerEventArgs(5566, (ServerState)99, ServerState.Streaming));
    }

    [Fact]
    public void It_prints_as_the_tool_prints_a_change()
        => Assert.Equal("5566 connected -> streaming", new ServerEventArgs(5566, ServerState.Connected, ServerState.Streaming).ToString());
}
