// Multi-client mode: one camera sends to two viewers. With Request/Reply the frames are dealt to the viewers in turn
// and each answer says which viewer answered (its port) and what it returned; with Publish/Subscribe every viewer
// would get every frame.
// Run: dotnet run --project samples/MultiClient (or with ports: dotnet run --project samples/MultiClient -- 6000,6001)
using NetGearSharp;

// The viewers' ports: the first argument (e.g. `dotnet run -- 6000,6001`), or the defaults.
int[] viewerPorts = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [5592, 5593];

NetGearClient Viewer(int port) => new(new NetGearClientOptions
{
    Ports = [port],
    MultiServerMode = false,
    MultiClientMode = true,
    ReturnData = p => NetGearReturnData.FromValue(new { viewer = p, ok = true }),
});

await using var first = Viewer(viewerPorts[0]);
await using var second = Viewer(viewerPorts[1]);
var viewing = new[] { first, second }.Select(async viewer =>
{
    var count = 0;
    await foreach (var packet in viewer.ReadAllAsync())
    {
        using (packet) count++;
    }
    Console.WriteLine($"viewer {viewer.Ports[0]} showed {count} frames");
}).ToArray();

await Task.Factory.StartNew(() =>
{
    using var camera = new NetGearServer(new NetGearServerOptions
    {
        Address = "127.0.0.1",
        MultiServerMode = false,
        MultiClientMode = true,
        Ports = viewerPorts,
    });
    using var frame = Frame.Allocate(ElementType.UInt8, 120, 160, 3);
    for (var n = 0; n < 6; n++)
    {
        using var reply = camera.Send(frame, new { n });
        Console.WriteLine($"frame {n} answered by viewer {reply?.Port}: {reply?.DataJson}");
    }
}, TaskCreationOptions.LongRunning);
await Task.WhenAll(viewing);
