// VidGear's "Multi-Server Mode: Bare-Minimum usage", in C#: two servers stream a test pattern to one client, which
// shows them side by side as a montage (in a window when there is a display; it also saves one montage.png).
// Run: dotnet run --project samples/MultiServerMontage
using NetGearSharp;
using NetGearSharp.OpenCv;
using OpenCvSharp;

// The ports: the first argument (e.g. `dotnet run -- 6000,6001`), or the defaults.
int[] ports = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [5566, 5567];

await using var client = new NetGearClient(new NetGearClientOptions { Ports = ports, WaitForAllServers = true });

// Each server: a test pattern instead of a webcam, 100 frames, then the goodbye.
var servers = ports.Select(port => Task.Factory.StartNew(() =>
{
    using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
    using var source = new TestPatternSource(320, 240, 30, $"port {port}");
    using var mat = new Mat();
    for (var n = 0; n < 100 && source.Read(mat); n++)
    {
        server.Send(mat);
        Thread.Sleep(33);
    }
}, TaskCreationOptions.LongRunning)).ToArray();

var latest = new Dictionary<int, Mat>();
var builder = new MontageBuilder(tileWidth: 320, tileHeight: 240);
var display = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));
var saved = false;
await foreach (var packet in client.ReadAllAsync())
{
    var sequence = packet.Sequence;
    using (packet)
    {
        if (latest.Remove(packet.Port, out var old)) old.Dispose();
        latest[packet.Port] = packet.ToMat();
    }
    if (!saved && latest.Count == ports.Length && sequence >= 30)
    {
        using var snapshot = Montage();
        Cv2.ImWrite("montage.png", snapshot);
        Console.WriteLine("Saved montage.png");
        saved = true;
    }
    if (!display) continue;
    using var montage = Montage();
    Cv2.ImShow("Montage", montage);
    if (Cv2.WaitKey(1) == 'q') break;
}
await Task.WhenAll(servers);
Console.WriteLine(string.Join(", ", client.Servers.Select(s => $"{s.Port}: {s.Frames} frames, {s.State}")));
foreach (var mat in latest.Values) mat.Dispose();

Mat Montage() => builder.Build(client.Servers
    .Select(s => new MontageTile(s.Port, latest.GetValueOrDefault(s.Port), s.FramesPerSecond, s.State))
    .ToList());
