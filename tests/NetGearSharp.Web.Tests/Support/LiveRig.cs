using NetGearSharp.AspNetCore;
using NetGearSharp.OpenCv;
using OpenCvSharp;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>
/// In one process: real test-pattern servers on free loopback ports, a real client, the live view it feeds and the
/// web server on a free port of 127.0.0.1. Dispose stops everything.
/// </summary>
public sealed class LiveRig : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(NetGearServer Server, Task Pump, CancellationTokenSource Stop)> _servers = [];
    private Task _reader = Task.CompletedTask;

    private LiveRig(int[] ports, NetGearClient client, NetGearLiveView view)
    {
        Ports = ports;
        Client = client;
        View = view;
    }

    public int[] Ports { get; }
    public NetGearClient Client { get; }
    public NetGearLiveView View { get; }
    public NetGearWebServer Web { get; private set; } = null!;
    public Uri Address => Web.Address;

    /// <summary>
    /// Starts <paramref name="count"/> servers (JPEG or raw) at <paramref name="fps"/> and the page; on the given
    /// <paramref name="serverPorts"/> and <paramref name="webPort"/> (to stand in for a restarted viewer) or on free ones.
    /// </summary>
    public static async Task<LiveRig> StartAsync(int count, bool jpeg, double fps = 20, NetGearWebOptions? options = null, int width = 320, int height = 240,
        int[]? serverPorts = null, int webPort = 0)
    {
        var ports = serverPorts ?? TestPorts.Take(count);
        var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, KeepJpeg = true, AutoExit = false,
            StaleAfter = TimeSpan.FromSeconds(2), LostAfter = TimeSpan.FromMilliseconds(500),
        });
        var view = new NetGearLiveView(client, options);
        var rig = new LiveRig(ports, client, view);
        try
        {
            rig.Web = await NetGearWebServer.StartAsync(view, "127.0.0.1", webPort);
            rig._reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var packet in client.ReadAllAsync(rig._stop.Token))
                        using (packet) view.Observe(packet);
                }
                catch (OperationCanceledException) { }
            });
            foreach (var port in ports) rig.StartServer(port, jpeg, fps, width, height);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Frames sent by each server so far.</summary>
    public long[] FramesSent => _servers.Select(s => s.Server.FramesSent).ToArray();

    /// <summary>Stops server <paramref name="index"/> with its goodbye.</summary>
    public void StopServer(int index)
    {
        var (server, pump, stop) = _servers[index];
        stop.Cancel();
        pump.Wait(TimeSpan.FromSeconds(10));
        server.Close();
    }

    private void StartServer(int port, bool jpeg, double fps, int width, int height)
    {
        var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Jpeg = jpeg ? JpegOptions.Default : JpegOptions.Off });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var pump = Task.Factory.StartNew(() =>
        {
            using var source = new TestPatternSource(width, height, fps, $"port {port}");
            using var mat = new Mat();
            var period = TimeSpan.FromSeconds(1 / fps);
            var next = DateTime.UtcNow;
            while (!stop.IsCancellationRequested && source.Read(mat))
            {
                using var frame = mat.ToFrame();
                try { server.Send(frame, new { port, n = server.FramesSent }, stop.Token); }
                catch (OperationCanceledException) { break; }
                next += period;
                var wait = next - DateTime.UtcNow;
                if (wait > TimeSpan.Zero) Thread.Sleep(wait);
                else next = DateTime.UtcNow;
            }
        }, TaskCreationOptions.LongRunning);
        _servers.Add((server, pump, stop));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var (server, pump, stop) in _servers)
        {
            await Task.WhenAny(pump, Task.Delay(5000));
            server.Abort();
            stop.Dispose();
        }
        if (Web is not null) await Web.DisposeAsync();
        await Task.WhenAny(_reader, Task.Delay(5000));
        View.Dispose();
        await Client.DisposeAsync();
        _stop.Dispose();
    }
}
