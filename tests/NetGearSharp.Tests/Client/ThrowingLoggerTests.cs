using NetGearSharp.Tests.Support;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// The application's logger throws on every call (a failed provider; xunit's output helper after its test): the
/// client still receives, raises its events and ends; the server still sends and closes.
/// </summary>
public sealed class ThrowingLoggerTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_logger_that_throws_stops_neither_frames_nor_events_nor_the_end(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport) with { LoggerFactory = new ThrowingLoggerFactory() });
        var left = 0;
        // A handler that throws makes the client log an error, from its event pump, through the throwing logger.
        client.ServerJoined += (_, _) => throw new InvalidOperationException("the application's handler failed");
        client.ServerLeft += (_, _) => Interlocked.Increment(ref left);

        // A malformed message first: the client warns about it (its receive thread logs, through the throwing logger).
        using (var intruder = new DealerSocket())
        {
            intruder.Options.Linger = TimeSpan.FromSeconds(1);
            intruder.Connect($"tcp://127.0.0.1:{port}");
            intruder.SendMoreFrameEmpty().SendMoreFrame("not json"u8.ToArray()).SendFrame(new byte[16]);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (client.Statistics.Malformed == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.Equal(1, client.Statistics.Malformed);
        }

        await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport) with { LoggerFactory = new ThrowingLoggerFactory() }, (_, server) =>
        {
            for (var n = 0; n < 5; n++)
            {
                using var frame = TestFrames.Numbered(0, n);
                server.Send(frame, n);
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(30));

        Assert.Equal(5, got.Count);
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        var deadlineLeft = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref left) == 0 && DateTime.UtcNow < deadlineLeft) await Task.Delay(20);
        Assert.Equal(1, left);
    }
}
