using NetGearSharp.Security.Tests.Support;

namespace NetGearSharp.Security.Tests;

/// <summary>
/// Secure mode against the real VidGear 0.3.5 (real Python processes): one key folder made by
/// <c>netgear keys generate</c> serves both sides, and keys made by VidGear load in ours.
/// </summary>
public sealed class VidGearSecureTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(SecureMode.StoneHouse)]
    [InlineData(SecureMode.IronHouse)]
    public async Task A_VidGear_server_streams_to_our_viewer_with_keys_from_netgear_keys_generate(SecureMode mode)
    {
        using var dir = new TempDir();
        var (code, output, error) = await Netgear.RunAsync(TimeSpan.FromSeconds(60), "keys", "generate", dir.Path);
        Assert.True(code == 0, output + error);
        var port = FreePorts.One();
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], mode, dir.Path, TransportKind.Native, log));
        using var vidgear = PythonProcess.Start(Python.VidGear, VidGearScripts.Server(port, mode, dir.Path, 5));
        var received = await SecureRig.Receive(client, 5);
        Assert.True(received == 5, $"got {received} frames.\nlog:\n{log.Text}\nVidGear stdout:\n{vidgear.StandardOutput}\nstderr:\n{vidgear.StandardError}");
        Assert.Equal(0, await vidgear.WaitAsync(ProcessTimeout));
        Assert.Equal(0, client.Statistics.AuthenticationFailures);
    }

    [Theory]
    [InlineData(SecureMode.StoneHouse, TransportKind.Native)]
    [InlineData(SecureMode.IronHouse, TransportKind.NetMq)]
    [InlineData(SecureMode.IronHouse, TransportKind.Native)]
    public async Task Our_server_streams_to_a_VidGear_client_with_keys_from_netgear_keys_generate(SecureMode mode, TransportKind transport)
    {
        using var dir = new TempDir();
        var (code, output, error) = await Netgear.RunAsync(TimeSpan.FromSeconds(60), "keys", "generate", dir.Path);
        Assert.True(code == 0, output + error);
        var port = FreePorts.One();
        using var vidgear = PythonProcess.Start(Python.VidGear, VidGearScripts.Client(port, mode, dir.Path, 5));
        await vidgear.WaitForOutputAsync("READY", ProcessTimeout);
        using var cts = new CancellationTokenSource(ProcessTimeout);
        // VidGear's recv() gives None as soon as the goodbye arrives, dropping frames still in its queue: give it time to hand them over.
        var sent = await SecureRig.Send(SecureRig.Server(port, mode, dir.Path, transport), 5, cts.Token, pauseBeforeGoodbye: TimeSpan.FromSeconds(2));
        Assert.Equal(0, await vidgear.WaitAsync(ProcessTimeout));
        Assert.True(sent == 5, $"sent {sent}.\nVidGear stdout:\n{vidgear.StandardOutput}\nstderr:\n{vidgear.StandardError}");
        Assert.True(vidgear.StandardOutput.Contains("GOT 5", StringComparison.Ordinal), vidgear.StandardOutput);
        Assert.Equal(5, vidgear.StandardOutput.Split('\n').Count(l => l.StartsWith($"FRAME {port} True", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Our_IronHouse_viewer_refuses_a_VidGear_server_whose_key_is_not_allowed()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var intruder = SecureRig.Camera(dir.Sub("intruder"), viewer); // knows the viewer's public key; its own key is not allowed
        var port = FreePorts.One();
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.IronHouse, viewer.Root, TransportKind.Native, log));
        using var vidgear = PythonProcess.Start(Python.VidGear, VidGearScripts.Server(port, SecureMode.IronHouse, intruder.Root, 3));
        Assert.True(await SecureRig.WaitUntil(() => client.Statistics.AuthenticationFailures > 0, TimeSpan.FromSeconds(60)),
            $"log:\n{log.Text}\nVidGear stderr:\n{vidgear.StandardError}");
        Assert.Equal(0, client.Statistics.TotalFrames);
        Assert.Equal(ServerState.AuthenticationFailed, client.GetServer(port)!.State);
        Assert.Contains($"Server {port} failed to authenticate: public key {intruder.LoadClientKeyPair().PublicKey} refused", log.Text);
        Assert.DoesNotContain("SENT", vidgear.StandardOutput);
    }

    [Fact]
    public async Task Keys_made_by_VidGear_load_in_ours_and_work()
    {
        using var dir = new TempDir();
        await Python.RunAsync($$"""
            import sys
            sys.path[:0] = [{{Python.Quote(Path.GetDirectoryName(Python.VidGear)!)}}, {{Python.Quote(Path.Combine(Path.GetDirectoryName(Python.VidGear)!, "shim"))}}]
            from vidgear.gears.helper import generate_auth_certificates
            print(generate_auth_certificates({{Python.Quote(dir.Path)}}, overwrite=True))
            """, TimeSpan.FromSeconds(60));
        var keys = KeyDirectory.At(dir.Path);
        var set = keys.Load();
        Assert.Equal(set.Server.PublicKey, keys.LoadServerPublicKey());
        Assert.Contains(set.Client.PublicKey, keys.LoadAllowedKeys());

        var port = FreePorts.One();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.IronHouse, dir.Path, TransportKind.Native));
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.IronHouse, dir.Path, TransportKind.NetMq), 3, cts.Token);
        Assert.Equal(3, await SecureRig.Receive(client, 3));
        Assert.Equal(3, await sender);
    }
}
