using System.Diagnostics;
using System.Globalization;
using NetGearSharp;
using NetGearSharp.Soak;
using NetGearSharp.TestSupport;

// Soak run (not in CI): N servers stream to one client for --minutes; memory is sampled every 10 s and printed as CSV,
// then the counts. Servers and the client share this process; each server has its own thread.
var a = SoakArgs.Parse(args);
var ports = FreePorts.Take(a.Servers);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, Pattern = a.Pattern, AutoExit = false, HeartbeatInterval = a.Heartbeat });
long lostEvents = 0, staleEvents = 0;
client.ServerStateChanged += (_, e) =>
{
    if (e.Current == ServerState.Lost) Interlocked.Increment(ref lostEvents);
    if (e.Current == ServerState.Stale) Interlocked.Increment(ref staleEvents);
};
var consumed = 0L;
var reader = Task.Run(async () =>
{
    try
    {
        await foreach (var packet in client.ReadAllAsync(stop.Token)) using (packet) Interlocked.Increment(ref consumed);
    }
    catch (OperationCanceledException) { }
});

var errors = 0L;
var sent = new long[a.Servers];
var threads = ports.Select((port, i) => new Thread(() =>
{
    try
    {
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Pattern = a.Pattern });
        using var frame = Frame.Allocate(ElementType.UInt8, a.Size, a.Size, 3);
        var period = TimeSpan.FromSeconds(1 / a.Fps);
        var next = DateTime.UtcNow;
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            frame.Data.Fill((byte)n);
            server.Send(frame, new { n }, stop.Token);
            sent[i] = n + 1;
            next += period;
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) stop.Token.WaitHandle.WaitOne(wait);
            else next = DateTime.UtcNow;
        }
    }
    catch (OperationCanceledException) { }
    catch (Exception ex)
    {
        Interlocked.Increment(ref errors);
        Console.Error.WriteLine($"server {port}: {ex.Message}");
    }
}) { IsBackground = true, Name = $"soak server {port}" }).ToList();
foreach (var t in threads) t.Start();

Console.WriteLine($"# soak: {a.Servers} servers, {a.Pattern}, {a.Fps} fps each, {a.Size}x{a.Size}x3 uint8, {a.Minutes} min, client heartbeat {a.Heartbeat.TotalSeconds} s");
Console.WriteLine("elapsed_s,working_set_mb,gc_heap_mb,total_frames,frames_per_s,consumed,malformed,lost_events,stale_events,streaming_servers");
var process = Process.GetCurrentProcess();
var clock = Stopwatch.StartNew();
var samples = new List<double>();
long lastFrames = 0;
var lastTime = TimeSpan.Zero;
var end = TimeSpan.FromMinutes(a.Minutes);
while (clock.Elapsed < end && !stop.IsCancellationRequested)
{
    var wait = a.SampleEvery - TimeSpan.FromTicks(clock.Elapsed.Ticks % a.SampleEvery.Ticks);
    try { await Task.Delay(wait, stop.Token); } catch (OperationCanceledException) { break; }
    process.Refresh();
    var stats = client.Statistics;
    var now = clock.Elapsed;
    var ws = process.WorkingSet64 / 1048576.0;
    samples.Add(ws);
    var fps = (stats.TotalFrames - lastFrames) / (now - lastTime).TotalSeconds;
    lastFrames = stats.TotalFrames;
    lastTime = now;
    var streaming = client.Servers.Count(s => s.State == ServerState.Streaming);
    Console.WriteLine(string.Join(',', ((int)now.TotalSeconds).ToString(CultureInfo.InvariantCulture), ws.ToString("0.0", CultureInfo.InvariantCulture),
        (GC.GetTotalMemory(false) / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture), stats.TotalFrames, fps.ToString("0", CultureInfo.InvariantCulture),
        Interlocked.Read(ref consumed), stats.Malformed, Interlocked.Read(ref lostEvents), Interlocked.Read(ref staleEvents), streaming));
}
stop.Cancel();
foreach (var t in threads) t.Join(TimeSpan.FromSeconds(10));
await reader;
var servers = client.Servers;
Console.WriteLine($"# frames per server: min {servers.Min(s => s.Frames)}, max {servers.Max(s => s.Frames)}; sent total {sent.Sum()}; received {client.Statistics.TotalFrames}; consumed {consumed}");
Console.WriteLine($"# server errors {errors}; lost events {lostEvents}; stale events {staleEvents}; malformed {client.Statistics.Malformed}");
if (samples.Count >= 3)
{
    var warm = samples.Skip(samples.Count / 3).ToArray();
    Console.WriteLine($"# working set after warm-up (last two thirds): min {warm.Min():0.0} MB, max {warm.Max():0.0} MB, first {warm[0]:0.0} MB, last {warm[^1]:0.0} MB");
}
return errors == 0 ? 0 : 1;
