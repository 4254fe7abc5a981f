using System.Text.Json;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Any JSON-able .NET value travels beside a frame; every non-null message is handed over.</summary>
public class MessageTests
{
    public sealed record Reading(string Sensor, double Value, int[] Samples);

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task EveryKindOfMessageArrives(TransportKind transport)
    {
        object?[] messages =
        [
            null, 0, "", false, Array.Empty<int>(), new Dictionary<string, object>(), 42, -1099511627776L, 3.25, true,
            "caméra ✓ 東京", new[] { 1, 2, 3 }, new List<string> { "a", "b" }, (5566, "cam"), new { t = 1.5, n = 7 },
            new Reading("temp", 21.5, [1, 2]), new Dictionary<string, int> { ["x"] = 1 },
        ];
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            foreach (var m in messages) server.Send(frame, m);
        });
        var packets = new List<(bool Has, string? Json)>();
        var typed = new List<object?>();
        await foreach (var packet in client.ReadAllAsync(new CancellationTokenSource(30_000).Token))
        {
            using (packet)
            {
                packets.Add((packet.HasMessage, packet.MessageJson));
                switch (packets.Count)
                {
                    case 14: typed.Add(packet.GetMessage<(int, string)>()); break;
                    case 16: typed.Add(packet.GetMessage<Reading>()); break;
                    case 2: typed.Add(packet.GetMessage<int>()); break;
                }
            }
        }
        await sending;

        Assert.Equal(messages.Length, packets.Count);
        Assert.False(packets[0].Has);
        Assert.All(packets.Skip(1), p => Assert.True(p.Has));
        Assert.Equal(["0", "\"\"", "false", "[]", "{}"], packets.Skip(1).Take(5).Select(p => p.Json));
        Assert.Equal("caméra ✓ 東京", JsonSerializer.Deserialize<string>(packets[10].Json!));
        Assert.Equal("[5566,\"cam\"]", packets[13].Json);
        Assert.Equal(0, typed[0]);
        Assert.Equal((5566, "cam"), typed[1]);
        var reading = Assert.IsType<Reading>(typed[2]);
        Assert.Equal("temp", reading.Sensor);
        Assert.Equal([1, 2], reading.Samples);
    }
}
