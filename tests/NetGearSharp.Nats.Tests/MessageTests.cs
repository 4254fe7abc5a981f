using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>Messages cross the hop intact: plain ASCII, non-ASCII and new lines (base64 header), falsy values, none.</summary>
public sealed class MessageTests
{
    [Fact(Timeout = 120_000)]
    public async Task EveryKindOfMessageArrivesAsSent()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(1);
        var prefix = "msg" + Guid.NewGuid().ToString("N")[..8];
        object?[] messages = [new { camera = "door", level = new[] { 1, 2 } }, "día\nnoche ✓", 0, false, "", null];

        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        var received = new List<string?>();
        var reading = Task.Run(async () =>
        {
            await foreach (var packet in worker.ReadAllAsync(timeout.Token))
            {
                using (packet) received.Add(packet.HasMessage ? packet.Message!.Value.GetRawText() : null);
            }
        });
        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = ports[0], RequestTimeout = TimeSpan.FromSeconds(10) });
            foreach (var message in messages)
            {
                using var frame = Frame.Allocate(ElementType.UInt8, 2, 2);
                server.Send(frame, message);
            }
        }, timeout.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await forwarding;
        await reading;

        var expected = messages.Select(m => m is null ? null : System.Text.Json.JsonSerializer.Serialize(m)).ToList();
        Assert.Equal(expected.Count, received.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] is null) Assert.Null(received[i]);
            else Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected[i]!), System.Text.Json.Nodes.JsonNode.Parse(received[i]!)), $"{expected[i]} vs {received[i]}");
        }
    }
}
