using System.Diagnostics;
using System.Net.Sockets;
using NetGearSharp.Reliability.Tests.Fuzzing;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// Issue 11 items 1 and 2: TCP connections that are not servers (a port scanner's connect + close, an idle
/// connection held open) neither make a server come nor keep a killed one from being lost.
/// </summary>
public class PortScanTests(ITestOutputHelper output)
{
    private const int Frames = 30;

    public static TheoryData<NetGearPattern, TransportKind> Combinations => new()
    {
        { NetGearPattern.ReqRep, TransportKind.NetMq },
        { NetGearPattern.ReqRep, TransportKind.Native },
        { NetGearPattern.PubSub, TransportKind.NetMq },
        { NetGearPattern.PubSub, TransportKind.Native },
    };

    /// <summary>Item 1: a scan before any server has come leaves every server Waiting; the client then serves the real ones.</summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Combinations))]
    public async Task PortScanBeforeAnyServer_DoesNotEndTheClient_RealServersThenStream(NetGearPattern pattern, TransportKind transport)
    {
        var ports = FreePorts.Take(2);
        var recorder = new Recorder(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Pattern = pattern, Transport = transport, AutoExit = true,
            QueueCapacity = pattern == NetGearPattern.PubSub ? 64 : 8,
        });
        GoodServers? good = null;
        try
        {
            for (var round = 0; round < 5; round++)
            {
                foreach (var port in ports) Scan(port);
            }
            await Task.Delay(2000); // well past LostAfter (0.5 s)
            Assert.All(recorder.Client.Servers, s => Assert.Equal(ServerState.Waiting, s.State));
            Assert.False(recorder.Client.Completion.IsCompleted, $"the client ended after a port scan: {recorder.DescribeEvents()}");

            good = new GoodServers(ports, pattern, Frames, TimeSpan.FromMilliseconds(pattern == NetGearPattern.PubSub ? 30 : 0));
            Assert.True(good.Join(TimeSpan.FromSeconds(60)), "the servers did not finish");
            Assert.Empty(good.Errors);
            var reason = await recorder.Client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"{pattern} {transport}: after the scan, frames received of sent: {string.Join(", ", ports.Select(p => $"{p}: {recorder.Count(p)} of {good.Sent[p]}"))}; ended: {reason}");
            Assert.Equal(ClientEndReason.AllServersGone, reason);
            foreach (var port in ports)
            {
                if (pattern == NetGearPattern.ReqRep) Assert.Equal(Frames, recorder.Count(port));
                else Assert.True(recorder.Count(port) > 0, $"no frame from {port}");
                Assert.Equal(ServerState.Terminated, recorder.Client.GetServer(port)!.State);
            }
        }
        finally
        {
            good?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    /// <summary>Item 2: 200 connect/close cycles on two ports, then a real server on the second port killed with SIGKILL: it is Lost.</summary>
    [Theory(Timeout = 120_000)]
    [InlineData(TransportKind.Native)]
    [InlineData(TransportKind.NetMq)]
    public async Task TwoHundredScans_ThenARealServerKilled_IsLost(TransportKind transport)
    {
        var ports = FreePorts.Take(2);
        var recorder = new Recorder(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, Transport = transport, AutoExit = false });
        Peer? server = null;
        try
        {
            for (var i = 0; i < 200; i++)
            {
                foreach (var port in ports) Scan(port);
            }
            await Task.Delay(1500);
            Assert.All(recorder.Client.Servers, s => Assert.Equal(ServerState.Waiting, s.State));

            var startedAt = Stopwatch.GetTimestamp();
            server = Peer.Start($"--ports {ports[1]} --pattern reqrep --fps 30");
            await recorder.WaitForStateAsync(ports[1], ServerState.Streaming, startedAt, TimeSpan.FromSeconds(30));
            await recorder.WaitForFramesAsync([ports[1]], 10, TimeSpan.FromSeconds(20));
            var killedAt = Stopwatch.GetTimestamp();
            server.Kill();
            var lostAt = await recorder.WaitForStateAsync(ports[1], ServerState.Lost, killedAt, TimeSpan.FromSeconds(15));
            output.WriteLine($"{transport}: after 400 scans, the real server delivered {recorder.Count(ports[1])} frames; Lost {Recorder.Seconds(killedAt, lostAt):0.00} s after SIGKILL");
            Assert.Equal(ServerState.Waiting, recorder.Client.GetServer(ports[0])!.State);
        }
        finally
        {
            server?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    /// <summary>Item 2: an idle TCP connection held open on a server's port does not keep that server from being lost once killed.</summary>
    [Theory(Timeout = 120_000)]
    [InlineData(TransportKind.Native, "reqrep")]
    [InlineData(TransportKind.NetMq, "reqrep")]
    [InlineData(TransportKind.NetMq, "pubsub")]
    public async Task IdleConnectionHeldOpen_KilledServerIsStillLost(TransportKind transport, string pattern)
    {
        var port = FreePorts.One();
        var recorder = new Recorder(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Transport = transport, AutoExit = true,
            Pattern = pattern == "pubsub" ? NetGearPattern.PubSub : NetGearPattern.ReqRep,
        });
        Peer? server = null;
        using var idle = new TcpClient();
        try
        {
            await idle.ConnectAsync("127.0.0.1", port);
            var startedAt = Stopwatch.GetTimestamp();
            server = Peer.Start($"--ports {port} --pattern {pattern} --fps 30");
            await recorder.WaitForStateAsync(port, ServerState.Streaming, startedAt, TimeSpan.FromSeconds(30));
            await recorder.WaitForFramesAsync([port], 10, TimeSpan.FromSeconds(20));
            using var another = new TcpClient();
            await another.ConnectAsync("127.0.0.1", port); // one more opened after the server came
            var killedAt = Stopwatch.GetTimestamp();
            server.Kill();
            var lostAt = await recorder.WaitForStateAsync(port, ServerState.Lost, killedAt, TimeSpan.FromSeconds(15));
            var reason = await recorder.Client.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            output.WriteLine($"{transport} {pattern}: {recorder.Count(port)} frames received; with 2 idle connections open, Lost {Recorder.Seconds(killedAt, lostAt):0.00} s after SIGKILL; client ended: {reason}");
            Assert.Equal(ClientEndReason.AllServersGone, reason);
            Assert.True(idle.Connected);
        }
        finally
        {
            server?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    /// <summary>What a scanner does: TCP connect, then close at once.</summary>
    private static void Scan(int port)
    {
        using var tcp = new TcpClient();
        tcp.Connect("127.0.0.1", port);
        tcp.Close();
    }
}
