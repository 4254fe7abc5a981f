using System.Diagnostics;
using System.Globalization;
using NetGearSharp;
using NetGearSharp.AspNetCore;
using NetGearSharp.OpenCv;
using NetGearSharp.WebBench;
using OpenCvSharp;

// Do MJPEG readers slow the servers down? Test-pattern servers stream to one client whose live view is served over
// HTTP; the client's received frames/s is measured first with no reader, then with N concurrent /stream/{port}
// readers. Exit code 1 when the rate with readers is more than --max-drop percent lower. Run it on a quiet machine.
WebBenchArgs settings;
try
{
    settings = WebBenchArgs.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"webbench: {ex.Message}");
    return 2;
}
var s = settings;
var ports = NetGearSharp.TestSupport.FreePorts.Take(s.Servers);
using var stop = new CancellationTokenSource();
await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, KeepJpeg = true, AutoExit = false });
using var view = new NetGearLiveView(client);
await using var web = await NetGearWebServer.StartAsync(view, "127.0.0.1", 0);
var reader = Task.Run(async () =>
{
    try
    {
        await foreach (var packet in client.ReadAllAsync(stop.Token))
            using (packet) view.Observe(packet);
    }
    catch (OperationCanceledException) { }
});
var servers = ports.Select(port => Task.Factory.StartNew(() => Serve(port), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"webbench: {s.Servers} server(s) {s.Width}x{s.Height} {(s.Jpeg ? "JPEG" : "raw")} at {s.Fps} fps; page {web.Address}; {s.Seconds} s without readers, then {s.Seconds} s with {s.Readers}"));
await Task.Delay(TimeSpan.FromSeconds(3)); // warm-up: every server connected and streaming
await ThrowIfAServerFailedAsync();
var alone = await MeasureAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"without readers: {alone:0.0} frames/s received"));

using var http = new HttpClient { BaseAddress = web.Address, Timeout = Timeout.InfiniteTimeSpan };
long partsRead = 0, bytesRead = 0;
using var readersStop = new CancellationTokenSource();
var readers = Enumerable.Range(0, s.Readers).Select(i => Task.Run(async () =>
{
    try
    {
        using var response = await http.GetAsync($"stream/{ports[i % ports.Length]}", HttpCompletionOption.ResponseHeadersRead, readersStop.Token);
        await using var body = await response.Content.ReadAsStreamAsync(readersStop.Token);
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await body.ReadAsync(buffer, readersStop.Token)) > 0)
        {
            Interlocked.Add(ref bytesRead, n);
            if (buffer.AsSpan(0, n).IndexOf("--netgearframe"u8) >= 0) Interlocked.Increment(ref partsRead);
        }
    }
    catch (OperationCanceledException) { }
    catch (HttpRequestException) { }
})).ToArray();
await Task.Delay(TimeSpan.FromSeconds(2));
var parts0 = Interlocked.Read(ref partsRead);
var bytes0 = Interlocked.Read(ref bytesRead);
var watched = await MeasureAsync();
var parts = Interlocked.Read(ref partsRead) - parts0;
var bytes = Interlocked.Read(ref bytesRead) - bytes0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"with {s.Readers} readers: {watched:0.0} frames/s received; readers got {parts / s.Seconds:0.0} pictures/s, {bytes / s.Seconds / 1048576:0.0} MB/s in all; {view.EncodedFrames} encodes, {view.PassedThroughFrames} frames passed through"));
readersStop.Cancel();
await Task.WhenAll(readers);

await ThrowIfAServerFailedAsync();
var drop = alone <= 0 ? 100 : Math.Max(0, (alone - watched) / alone * 100);
var ok = drop <= s.MaxDropPercent;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"drop: {drop:0.0} % (allowed {s.MaxDropPercent} %): {(ok ? "PASS" : "FAIL")}"));
stop.Cancel();
await Task.WhenAll(servers);
await reader;
return ok ? 0 : 1;

// A server that failed (no OpenCV runtime, a port taken) would make every figure meaningless: stop with its error.
async Task ThrowIfAServerFailedAsync()
{
    if (servers.FirstOrDefault(t => t.IsFaulted) is { } failed)
    {
        Console.Error.WriteLine("webbench: a server failed; no figures.");
        stop.Cancel();
        await failed;
    }
}

async Task<double> MeasureAsync()
{
    var before = client.Statistics.TotalFrames;
    var clock = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(s.Seconds));
    return (client.Statistics.TotalFrames - before) / clock.Elapsed.TotalSeconds;
}

void Serve(int port)
{
    using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Jpeg = s.Jpeg ? JpegOptions.Default : JpegOptions.Off });
    using var source = new TestPatternSource(s.Width, s.Height, s.Fps, $"port {port}");
    using var mat = new Mat();
    var period = TimeSpan.FromSeconds(1 / s.Fps);
    var next = Stopwatch.GetTimestamp();
    while (!stop.IsCancellationRequested && source.Read(mat))
    {
        using var frame = mat.ToFrame();
        try { server.Send(frame, null, stop.Token); }
        catch (OperationCanceledException) { break; }
        next += (long)(period.TotalSeconds * Stopwatch.Frequency);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
        if (wait > TimeSpan.Zero) Thread.Sleep(wait);
        else next = Stopwatch.GetTimestamp();
    }
}
