using ITransport = NetGearSharp.Transport.ITransport;
using ITransportSocket = NetGearSharp.Transport.ITransportSocket;
using SocketSpec = NetGearSharp.Transport.SocketSpec;
using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.NetMq;
using NetGearSharp.Security.Tests.Support;

namespace NetGearSharp.Security.Tests;

/// <summary>StoneHouse and IronHouse between our servers and clients, on both transports, and what a refusal looks like.</summary>
public sealed class SecureStreamTests
{
    [Theory]
    [InlineData(TransportKind.Native, TransportKind.Native, NetGearPattern.ReqRep)]
    [InlineData(TransportKind.NetMq, TransportKind.NetMq, NetGearPattern.ReqRep)]
    [InlineData(TransportKind.NetMq, TransportKind.Native, NetGearPattern.ReqRep)]
    [InlineData(TransportKind.Native, TransportKind.NetMq, NetGearPattern.ReqRep)]
    [InlineData(TransportKind.Native, TransportKind.Native, NetGearPattern.PubSub)]
    [InlineData(TransportKind.NetMq, TransportKind.Native, NetGearPattern.PubSub)]
    public async Task StoneHouse_streams_between_our_server_and_client(TransportKind serverTransport, TransportKind clientTransport, NetGearPattern pattern)
    {
        using var dir = new TempDir();
        var keys = KeyDirectory.At(dir.Path);
        keys.Generate();
        var port = FreePorts.One();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, dir.Path, clientTransport) with { Pattern = pattern });
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.StoneHouse, dir.Path, serverTransport, pattern), pattern == NetGearPattern.PubSub ? int.MaxValue : 5, cts.Token); // PubSub: until the client has its 5 (a NetMQ publisher drops what finds no room)
        var received = await SecureRig.Receive(client, 5);
        await cts.CancelAsync();
        await sender;
        Assert.Equal(5, received);
        Assert.Equal(0, client.Statistics.AuthenticationFailures);
    }

    [Fact]
    public async Task A_plain_server_delivers_nothing_to_a_secure_client_and_the_attempt_shows()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, dir.Path, TransportKind.Native, log));
        using var cts = new CancellationTokenSource(SecureRig.Patience); // the sender ends even when an assert below fails
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.Grasslands, null, TransportKind.Native), 5, cts.Token);
        Assert.True(await SecureRig.WaitUntil(() => client.Statistics.AuthenticationFailures > 0, SecureRig.Patience), log.Text);
        await Task.Delay(500);
        await cts.CancelAsync();
        Assert.Equal(0, await sender);
        Assert.Equal(0, client.Statistics.TotalFrames);
        var server = client.GetServer(port)!;
        Assert.Equal(ServerState.AuthenticationFailed, server.State);
        Assert.Contains("same secure mode", server.LastAuthenticationFailure);
        Assert.Contains($"Server {port} failed to authenticate", log.Text);
    }

    [Fact]
    public async Task A_secure_server_and_a_plain_client_both_say_that_the_other_side_is_not_in_the_same_secure_mode()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        var clientLog = new CollectingLoggerFactory();
        var serverLog = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.Grasslands, null, TransportKind.Native, clientLog) with { AutoExit = false });
        using var cts = new CancellationTokenSource(SecureRig.Patience); // the sender ends even when an assert below fails
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.StoneHouse, dir.Path, TransportKind.Native) with { LoggerFactory = serverLog }, 5, cts.Token);
        Assert.True(await SecureRig.WaitUntil(() => clientLog.Text.Contains("could not connect", StringComparison.Ordinal)
            && serverLog.Text.Contains("it is not secure", StringComparison.Ordinal), SecureRig.Patience), clientLog.Text + Environment.NewLine + serverLog.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await sender);
        Assert.Equal(0, client.Statistics.TotalFrames);
        Assert.Equal(ServerState.AuthenticationFailed, client.GetServer(port)!.State);
        Assert.Contains($"Server {port} could not connect: it uses CURVE security (secure mode) and this client does not", clientLog.Text);
        Assert.Contains("--secure stonehouse|ironhouse", clientLog.Text);
        Assert.True(serverLog.Text.Contains($"Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client does not use the same secure mode: it is not secure", StringComparison.Ordinal), serverLog.Text);
        // Once per client endpoint and reason per interval, not at every attempt (libzmq's sender may first see only a
        // connection the client closed, which is said too, once).
        Assert.Single(serverLog.Lines, l => l.Contains("it is not secure", StringComparison.Ordinal));
        Assert.InRange(serverLog.Lines.Count(l => l.Contains("did not accept", StringComparison.Ordinal)), 1, 2);
    }

    [Fact]
    public async Task A_plain_server_is_told_that_its_secure_client_uses_CURVE()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        var serverLog = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, dir.Path, TransportKind.Native) with { AutoExit = false });
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.Grasslands, null, TransportKind.Native) with { LoggerFactory = serverLog }, 5, cts.Token);
        Assert.True(await SecureRig.WaitUntil(() => serverLog.Text.Contains("did not accept", StringComparison.Ordinal), SecureRig.Patience), serverLog.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await sender);
        Assert.Contains($"Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client uses CURVE security (secure mode) and this server does not", serverLog.Text);
    }

    [Fact]
    public async Task An_IronHouse_sender_whose_key_the_client_does_not_list_is_told_which_key_file_to_add()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var camera = SecureRig.Camera(dir.Sub("camera"), viewer); // knows the server key; its own key is not allowed
        var port = FreePorts.One();
        var serverLog = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.IronHouse, viewer.Root, TransportKind.Native) with { AutoExit = false });
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.IronHouse, camera.Root, TransportKind.Native) with { LoggerFactory = serverLog }, 5, cts.Token);
        Assert.True(await SecureRig.WaitUntil(() => serverLog.Text.Contains("did not accept", StringComparison.Ordinal), SecureRig.Patience), serverLog.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await sender);
        Assert.Contains($"Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client refused this server's public key", serverLog.Text);
        Assert.Contains($"this server's public key: {camera.ClientPublicFile}", serverLog.Text);
    }

    [Fact]
    public async Task A_secure_server_refused_by_a_plain_client_reaches_it_once_the_client_restarts_secure()
    {
        // libzmq does not connect to an address again after a failed security handshake: the server reopens its socket.
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        var serverLog = new CollectingLoggerFactory();
        using var cts = new CancellationTokenSource(SecureRig.Patience * 2);
        Task<int> sender;
        await using (var plain = new NetGearClient(SecureRig.Client([port], SecureMode.Grasslands, null, TransportKind.Native) with { AutoExit = false }))
        {
            sender = SecureRig.Send(SecureRig.Server(port, SecureMode.StoneHouse, dir.Path, TransportKind.Native) with
            {
                LoggerFactory = serverLog,
                RequestTimeout = TimeSpan.FromSeconds(1),
            }, 3, cts.Token);
            Assert.True(await SecureRig.WaitUntil(() => serverLog.Text.Contains("did not accept", StringComparison.Ordinal), SecureRig.Patience), serverLog.Text);
        }
        try
        {
            await using var secure = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, dir.Path, TransportKind.Native));
            Assert.Equal(3, await SecureRig.Receive(secure, 3));
            Assert.Equal(3, await sender);
        }
        finally
        {
            await cts.CancelAsync();
            await sender;
        }
    }

    [Fact]
    public async Task A_secure_publisher_is_told_that_its_client_is_plain_and_reaches_it_once_the_client_restarts_secure()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        var clientLog = new CollectingLoggerFactory();
        var serverLog = new CollectingLoggerFactory();
        using var cts = new CancellationTokenSource(SecureRig.Patience * 2); // the sender ends even when an assert below fails
        Task<int> sender;
        await using (var plain = new NetGearClient(SecureRig.Client([port], SecureMode.Grasslands, null, TransportKind.Native, clientLog) with
        {
            Pattern = NetGearPattern.PubSub,
            AutoExit = false,
        }))
        {
            sender = SecureRig.Send(SecureRig.Server(port, SecureMode.StoneHouse, dir.Path, TransportKind.Native, NetGearPattern.PubSub) with { LoggerFactory = serverLog }, int.MaxValue, cts.Token);
            Assert.True(await SecureRig.WaitUntil(() => clientLog.Text.Contains("could not connect", StringComparison.Ordinal)
                && serverLog.Text.Contains("it is not secure", StringComparison.Ordinal), SecureRig.Patience), clientLog.Text + Environment.NewLine + serverLog.Text);
            Assert.Equal(0, plain.Statistics.TotalFrames);
        }
        try
        {
            Assert.Contains($"Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client does not use the same secure mode: it is not secure", serverLog.Text);
            await using var secure = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, dir.Path, TransportKind.Native) with { Pattern = NetGearPattern.PubSub });
            Assert.Equal(3, await SecureRig.Receive(secure, 3));
        }
        finally
        {
            await cts.CancelAsync();
            await sender;
        }
    }

    [Fact]
    public async Task A_plain_server_delivers_nothing_to_a_NetMQ_StoneHouse_client_either()
    {
        // NetMQ reports no handshake events (see docs/security.md), but the security itself holds.
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, dir.Path, TransportKind.NetMq) with { AutoExit = false });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var sent = await SecureRig.Send(SecureRig.Server(port, SecureMode.Grasslands, null, TransportKind.NetMq), 5, cts.Token);
        Assert.Equal(0, sent);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(0, client.Statistics.TotalFrames);
        Assert.Equal(0, client.Statistics.Malformed);
    }

    [Fact]
    public async Task An_intruder_on_a_streaming_servers_port_does_not_disturb_it()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Sub("viewer")).Generate();
        var port = FreePorts.One();
        var log = new CollectingLoggerFactory();
        // Bound on all interfaces: accepts name tcp://0.0.0.0:PORT, the connections' own events tcp://127.0.0.1:PORT.
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, Path.Combine(dir.Path, "viewer"), TransportKind.Native, log) with
        {
            Address = "*",
            AutoExit = false,
        });
        using var cts = new CancellationTokenSource(SecureRig.Patience * 2);
        var good = SecureRig.Send(SecureRig.Server(port, SecureMode.StoneHouse, Path.Combine(dir.Path, "viewer"), TransportKind.Native), int.MaxValue, cts.Token);
        var reader = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                using var packet = await client.ReceiveAsync(TimeSpan.FromMilliseconds(200));
            }
        });
        Assert.True(await SecureRig.WaitUntil(() => client.GetServer(port)!.State == ServerState.Streaming, SecureRig.Patience), log.Text);
        // libzmq gives up on a connection after a protocol error (no reconnect): three intruders, one attempt each.
        for (var i = 1; i <= 3; i++)
        {
            using var intruderStop = new CancellationTokenSource();
            var intruder = SecureRig.Send(SecureRig.Server(port, SecureMode.Grasslands, null, TransportKind.Native), 5, intruderStop.Token);
            var attempt = i;
            Assert.True(await SecureRig.WaitUntil(() => client.GetServer(port)!.AuthenticationFailures >= attempt, SecureRig.Patience), log.Text);
            await intruderStop.CancelAsync();
            Assert.Equal(0, await intruder);
        }
        await Task.Delay(1000); // the intruder's closes have been reported by now, and LostAfter (0.5 s) has passed
        var before = client.GetServer(port)!;
        Assert.Equal(ServerState.Streaming, before.State);
        Assert.Equal(1, before.Connections);
        Assert.True(await SecureRig.WaitUntil(() => client.GetServer(port)!.Frames > before.Frames + 5, SecureRig.Patience));
        Assert.DoesNotContain("-> Lost", log.Text);
        await cts.CancelAsync();
        await good;
        await reader;
    }

    [Fact]
    public async Task A_server_with_the_wrong_server_key_delivers_nothing_and_the_log_says_why()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Sub("viewer")).Generate();
        KeyDirectory.At(dir.Sub("other")).Generate();
        var port = FreePorts.One();
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([port], SecureMode.StoneHouse, Path.Combine(dir.Path, "viewer"), TransportKind.Native, log));
        using var cts = new CancellationTokenSource(SecureRig.Patience); // the sender ends even when an assert below fails
        var sender = SecureRig.Send(SecureRig.Server(port, SecureMode.StoneHouse, Path.Combine(dir.Path, "other"), TransportKind.NetMq), 5, cts.Token);
        Assert.True(await SecureRig.WaitUntil(() => client.Statistics.AuthenticationFailures > 0, SecureRig.Patience), log.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await sender);
        Assert.Equal(0, client.Statistics.TotalFrames);
        Assert.Equal(ServerState.AuthenticationFailed, client.GetServer(port)!.State);
        Assert.Contains("wrong server.key", client.GetServer(port)!.LastAuthenticationFailure);
        Assert.Contains($"Server {port} failed to authenticate", log.Text);
    }

    [Fact]
    public async Task IronHouse_refuses_a_key_not_in_the_allow_list_and_streams_an_allowed_one()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var intruder = SecureRig.Camera(dir.Sub("intruder"), viewer); // knows the server key, its own key is not allowed
        var ports = FreePorts.Take(2);
        var log = new CollectingLoggerFactory();
        // No auto-exit: the allowed server's goodbye must not end the client before the refused one is seen.
        await using var client = new NetGearClient(SecureRig.Client(ports, SecureMode.IronHouse, viewer.Root, TransportKind.Native, log) with { AutoExit = false });
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        var refused = SecureRig.Send(SecureRig.Server(ports[1], SecureMode.IronHouse, intruder.Root, TransportKind.NetMq), 5, cts.Token);
        var allowed = SecureRig.Send(SecureRig.Server(ports[0], SecureMode.IronHouse, viewer.Root, TransportKind.Native), 5, cts.Token);
        Assert.Equal(5, await SecureRig.Receive(client, 5));
        Assert.Equal(5, await allowed);
        Assert.True(await SecureRig.WaitUntil(() => client.GetServer(ports[1])!.AuthenticationFailures > 0, SecureRig.Patience), log.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await refused);
        Assert.Equal(0, client.GetServer(ports[1])!.Frames);
        Assert.Equal(5, client.GetServer(ports[0])!.Frames);
        Assert.Equal(ServerState.AuthenticationFailed, client.GetServer(ports[1])!.State);
        Assert.Contains("refused", client.GetServer(ports[1])!.LastAuthenticationFailure);
        Assert.Contains($"Server {ports[1]} failed to authenticate: public key {intruder.LoadClientKeyPair().PublicKey} refused", log.Text);
    }

    [Fact]
    public async Task IronHouse_per_port_identity_refuses_a_valid_key_on_another_cameras_port()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var cameraA = SecureRig.Camera(dir.Sub("a"), viewer);
        var cameraB = SecureRig.Camera(dir.Sub("b"), viewer);
        var ports = FreePorts.Take(2);
        viewer.AllowOnPort(ports[0], "camera-a", cameraA.LoadClientKeyPair().PublicKey); // from the key folder
        var log = new CollectingLoggerFactory();
        var options = SecureRig.Client(ports, SecureMode.IronHouse, viewer.Root, TransportKind.Native, log) with
        {
            AutoExit = false, // camera A's goodbye must not end the client before camera B has connected
            AllowedKeysByPort = new Dictionary<int, IReadOnlyList<string>> { [ports[1]] = [cameraB.LoadClientKeyPair().PublicKey] }, // from the option
        };
        await using var client = new NetGearClient(options);
        using var cts = new CancellationTokenSource(SecureRig.Patience);

        // Camera A holds a valid key, but speaks on camera B's port: refused.
        var impostor = SecureRig.Send(SecureRig.Server(ports[1], SecureMode.IronHouse, cameraA.Root, TransportKind.Native), 5, cts.Token);
        Assert.True(await SecureRig.WaitUntil(() => client.GetServer(ports[1])!.AuthenticationFailures > 0, SecureRig.Patience), log.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await impostor);
        Assert.Equal(0, client.Statistics.TotalFrames);
        Assert.Contains($"Server {ports[1]} failed to authenticate: public key {cameraA.LoadClientKeyPair().PublicKey} refused", log.Text);

        // Each camera on its own port streams.
        using var cts2 = new CancellationTokenSource(SecureRig.Patience);
        var a = SecureRig.Send(SecureRig.Server(ports[0], SecureMode.IronHouse, cameraA.Root, TransportKind.Native), 3, cts2.Token);
        var b = SecureRig.Send(SecureRig.Server(ports[1], SecureMode.IronHouse, cameraB.Root, TransportKind.NetMq), 3, cts2.Token);
        Assert.Equal(6, await SecureRig.Receive(client, 6));
        Assert.Equal(3, await a);
        Assert.Equal(3, await b);
        Assert.Equal(3, client.GetServer(ports[0])!.Frames);
        Assert.Equal(3, client.GetServer(ports[1])!.Frames);
    }

    [Fact]
    public async Task IronHouse_views_a_subset_of_the_ports_its_key_folder_lists()
    {
        // The key folder lists cameras on ports A, B and C; this viewer watches only A and B.
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var cameraA = SecureRig.Camera(dir.Sub("a"), viewer);
        var cameraB = SecureRig.Camera(dir.Sub("b"), viewer);
        var cameraC = SecureRig.Camera(dir.Sub("c"), viewer);
        var ports = FreePorts.Take(3);
        viewer.AllowOnPort(ports[0], "camera-a", cameraA.LoadClientKeyPair().PublicKey);
        viewer.AllowOnPort(ports[1], "camera-b", cameraB.LoadClientKeyPair().PublicKey);
        viewer.AllowOnPort(ports[2], "camera-c", cameraC.LoadClientKeyPair().PublicKey);
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(SecureRig.Client([ports[0], ports[1]], SecureMode.IronHouse, viewer.Root, TransportKind.Native, log) with { AutoExit = false });
        Assert.Contains($"lists for port(s) {ports[2]} are unused", log.Text);

        // The lists of the viewed ports still hold: camera A streams on its port, camera C is refused on B's.
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        var impostor = SecureRig.Send(SecureRig.Server(ports[1], SecureMode.IronHouse, cameraC.Root, TransportKind.Native), 3, cts.Token);
        var a = SecureRig.Send(SecureRig.Server(ports[0], SecureMode.IronHouse, cameraA.Root, TransportKind.Native), 3, cts.Token);
        Assert.Equal(3, await SecureRig.Receive(client, 3));
        Assert.Equal(3, await a);
        Assert.True(await SecureRig.WaitUntil(() => client.GetServer(ports[1])!.AuthenticationFailures > 0, SecureRig.Patience), log.Text);
        await cts.CancelAsync();
        Assert.Equal(0, await impostor);
        Assert.Equal(3, client.GetServer(ports[0])!.Frames);
        Assert.Equal(0, client.GetServer(ports[1])!.Frames);
    }

    [Fact]
    public void IronHouse_on_NetMQ_refuses_to_start_and_says_why()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var ex = Assert.Throws<ArgumentException>(() => new NetGearClient(SecureRig.Client([FreePorts.One()], SecureMode.IronHouse, dir.Path, TransportKind.NetMq)));
        Assert.Contains("IronHouse", ex.Message);
        Assert.Contains("no ZAP", ex.Message);
    }

    [Fact]
    public async Task IronHouse_works_on_a_client_with_its_own_native_transport_and_its_handler_stops_with_it()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var intruder = SecureRig.Camera(dir.Sub("intruder"), viewer);
        var ports = FreePorts.Take(2);
        var transport = new NativeTransport(new NativeTransportOptions { IoThreads = 1 });
        try
        {
            await using (var client = new NetGearClient(SecureRig.Client(ports, SecureMode.IronHouse, viewer.Root, TransportKind.Native) with { CustomTransport = transport, AutoExit = false }))
            {
                using var cts = new CancellationTokenSource(SecureRig.Patience);
                var refused = SecureRig.Send(SecureRig.Server(ports[1], SecureMode.IronHouse, intruder.Root, TransportKind.Native), 3, cts.Token);
                var allowed = SecureRig.Send(SecureRig.Server(ports[0], SecureMode.IronHouse, viewer.Root, TransportKind.Native), 3, cts.Token);
                Assert.Equal(3, await SecureRig.Receive(client, 3));
                Assert.Equal(3, await allowed);
                // The refusal comes from the ZAP handler of the client's own transport (not the process's default one).
                Assert.True(await SecureRig.WaitUntil(() => client.GetServer(ports[1])!.AuthenticationFailures > 0, SecureRig.Patience));
                Assert.Contains("refused", client.GetServer(ports[1])!.LastAuthenticationFailure);
                await cts.CancelAsync();
                Assert.Equal(0, await refused);
                Assert.True(transport.Zap.IsRunning);
            }
            var zap = transport.Zap;
            transport.Dispose(); // returns: the handler's socket was closed before the context was terminated
            Assert.False(zap.IsRunning);
        }
        finally
        {
            transport.Dispose();
        }
    }

    [Fact]
    public void Secure_mode_refuses_a_transport_that_cannot_apply_it()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var custom = Assert.Throws<ArgumentException>(() => new NetGearClient(SecureRig.Client([FreePorts.One()], SecureMode.IronHouse, dir.Path, TransportKind.Auto)
            with { CustomTransport = NetMqTransport.Instance }));
        Assert.Contains("no ZAP", custom.Message);
        Assert.Contains("netmq", custom.Message);
        var own = Assert.Throws<ArgumentException>(() => new NetGearServer(SecureRig.Server(FreePorts.One(), SecureMode.StoneHouse, dir.Path, TransportKind.Auto)
            with { CustomTransport = new UnsecuredTransport() }));
        Assert.Contains("custom transport 'unsecured' cannot be given keys", own.Message);
    }

    /// <summary>A transport of the application's own, which knows nothing of CURVE.</summary>
    private sealed class UnsecuredTransport : ITransport
    {
        public string Name => "unsecured";

        public ITransportSocket CreateSocket(SocketSpec spec) => throw new InvalidOperationException("never reached: secure mode refuses this transport first");
    }

    [Fact]
    public void Missing_keys_stop_the_client_with_the_file_named()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<CertificateException>(() => new NetGearClient(SecureRig.Client([FreePorts.One()], SecureMode.StoneHouse, dir.Path, TransportKind.Native)));
        Assert.Contains("server.key_secret", ex.Message);
        Assert.Contains("netgear keys generate", ex.Message);
    }

    [Theory]
    [InlineData(SecureMode.Grasslands, true)]
    [InlineData(SecureMode.StoneHouse, false)]
    public async Task Traffic_is_encrypted_on_the_wire(SecureMode mode, bool plaintextExpected)
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One();
        // Single-server mode, so the server can name the tap's port (not the client's) and its frames still count.
        await using var client = new NetGearClient(SecureRig.Client([port], mode, dir.Path, TransportKind.Native) with { MultiServerMode = false });
        await using var tap = new TcpTap(port);
        using var cts = new CancellationTokenSource(SecureRig.Patience);
        // The server connects to the tap, which forwards to the client: every byte passes through the test.
        var sender = SecureRig.Send(SecureRig.Server(tap.Port, mode, dir.Path, TransportKind.Native) with { MultiServerMode = false }, 5, cts.Token);
        var received = await SecureRig.Receive(client, 5);
        // The sender ends by itself once its fifth frame is answered (cancelled now, the answer to the frame the client
        // just read could still be on its way: CI40 counted 4 sent); the token's own timeout bounds it.
        var sent = await sender;
        await cts.CancelAsync();
        Assert.Equal(5, sent);
        Assert.Equal(5, received);
        var captured = tap.Captured;
        Assert.True(captured.Length > 5 * Frames.Marker.Length, $"only {captured.Length} bytes passed the tap");
        Assert.Equal(plaintextExpected, Frames.Contains(captured, Frames.Marker));
        Assert.Equal(plaintextExpected, Frames.Contains(captured, "\"compression\""u8.ToArray()));
    }
}
