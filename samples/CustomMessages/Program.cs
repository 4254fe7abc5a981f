// VidGear's "Multi-Server Mode: Bare-Minimum usage with custom data transfer", in C#.
// Two servers send a moving gradient with a message each; one client prints who sent what.
// Run: dotnet run --project samples/CustomMessages
using NetGearSharp;

// The ports: the first argument (e.g. `dotnet run -- 6000,6001`), or the defaults.
int[] ports = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [5577, 5578];

// The client binds every port and ends by itself when both servers have said goodbye.
await using var client = new NetGearClient(new NetGearClientOptions { Ports = ports, WaitForAllServers = true });

var servers = ports.Select((port, index) => Task.Factory.StartNew(() =>
{
    using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
    for (var n = 0; n < 30; n++)
    {
        using var frame = Gradient(240, 320, shift: n * 4 + index * 100);
        // Any JSON-able value: strings, numbers, records, anonymous types, dictionaries, tuples...
        object message = index == 0 ? $"I'm Server-{index + 1} at Port: {port}" : new { frame = n, temperature = 21.5 + n / 10.0 };
        server.Send(frame, message);
    }
}, TaskCreationOptions.LongRunning)).ToArray();

await foreach (var packet in client.ReadAllAsync())
{
    using (packet)
    {
        Console.WriteLine($"{packet.Port}: frame {packet.Frame.Width}x{packet.Frame.Height}, message {packet.MessageJson}");
    }
}
await Task.WhenAll(servers);
Console.WriteLine("All servers said goodbye.");

static Frame Gradient(int height, int width, int shift)
{
    var frame = Frame.Allocate(ElementType.UInt8, height, width, 3);
    var data = frame.Data;
    for (var y = 0; y < height; y++)
    for (var x = 0; x < width; x++)
    {
        var i = (y * width + x) * 3;
        data[i] = (byte)(x + shift);
        data[i + 1] = (byte)(y + shift);
        data[i + 2] = (byte)shift;
    }
    return frame;
}
