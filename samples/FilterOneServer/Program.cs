// A client that listens on three ports but keeps only one server's frames (the multi-server "filter").
// Frames from the other servers are dropped before they are decoded and counted.
// Run: dotnet run --project samples/FilterOneServer
using NetGearSharp;

// The ports: the first argument (e.g. `dotnet run -- 6000,6001`), or the defaults.
int[] ports = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [5580, 5581, 5582];

await using var client = new NetGearClient(new NetGearClientOptions { Ports = ports, Filter = [ports[1]], WaitForAllServers = true });

var servers = ports.Select(port => Task.Factory.StartNew(() =>
{
    using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
    using var frame = Frame.Allocate(ElementType.UInt8, 120, 160, 3);
    for (var n = 0; n < 10; n++)
    {
        frame.Data.Fill((byte)(n * 20));
        server.Send(frame, new { port, n });
    }
}, TaskCreationOptions.LongRunning)).ToArray();

await foreach (var packet in client.ReadAllAsync())
{
    using (packet) Console.WriteLine($"kept {packet.Port}: {packet.MessageJson}");
}
await Task.WhenAll(servers);

foreach (var server in client.Servers)
{
    Console.WriteLine($"{server.Port}: {server.State}, {server.Frames} kept, {server.FilteredOut} filtered out");
}
