// Bidirectional mode with multi-server: two cameras send frames; the viewer answers each one with data for that camera
// (here: how many of its frames it has seen, and a frame back to the second camera), and each camera gets the answer
// to its own frame as the result of Send.
// Run: dotnet run --project samples/Bidirectional (or with ports: dotnet run --project samples/Bidirectional -- 6000,6001)
using System.Collections.Concurrent;
using NetGearSharp;

// The ports: the first argument (e.g. `dotnet run -- 6000,6001`), or the defaults.
int[] ports = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [5590, 5591];
var seen = new ConcurrentDictionary<int, int>();
using var thumbnail = Frame.Allocate(ElementType.UInt8, 24, 32, 3);
thumbnail.Data.Fill(128);
var thumbnailReturn = NetGearReturnData.FromFrame(thumbnail);

await using var client = new NetGearClient(new NetGearClientOptions
{
    Ports = ports,
    BidirectionalMode = true,
    WaitForAllServers = true,
    // Called for every answer: the data goes to the server of that port, the one whose frame is answered.
    ReturnData = port => port == ports[1] ? thumbnailReturn : NetGearReturnData.FromValue(new { seen = seen.GetValueOrDefault(port) }),
});

var cameras = ports.Select(port => Task.Factory.StartNew(() =>
{
    using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, BidirectionalMode = true });
    using var frame = Frame.Allocate(ElementType.UInt8, 120, 160, 3);
    for (var n = 0; n < 3; n++)
    {
        using var reply = server.Send(frame, new { port, n });
        Console.WriteLine($"camera {port} got back: {reply}");
    }
}, TaskCreationOptions.LongRunning)).ToArray();

await foreach (var packet in client.ReadAllAsync())
{
    using (packet) seen.AddOrUpdate(packet.Port, 1, (_, n) => n + 1);
}
await Task.WhenAll(cameras);
