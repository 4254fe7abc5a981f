using Microsoft.Extensions.Logging;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>Builds secure clients and servers on loopback and runs senders on their own threads.</summary>
public static class SecureRig
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static NetGearClientOptions Client(int[] ports, SecureMode mode, string? keys, TransportKind transport, ILoggerFactory? log = null) => new()
    {
        Address = "127.0.0.1",
        Ports = ports,
        SecureMode = mode,
        KeysDirectory = keys,
        Transport = transport,
        LoggerFactory = log,
    };

    public static NetGearServerOptions Server(int port, SecureMode mode, string? keys, TransportKind transport, NetGearPattern pattern = NetGearPattern.ReqRep) => new()
    {
        Address = "127.0.0.1",
        Port = port,
        Pattern = pattern,
        SecureMode = mode,
        KeysDirectory = keys,
        Transport = transport,
    };

    /// <summary>
    /// Runs a server on its own thread that sends marked frames until <paramref name="count"/> are sent or the token
    /// is cancelled, then says goodbye. The task ends with the number sent (a cancelled send counts as not sent).
    /// </summary>
    public static Task<int> Send(NetGearServerOptions options, int count, CancellationToken token, TimeSpan? pauseBeforeGoodbye = null)
        => Task.Factory.StartNew(() =>
        {
            var sent = 0;
            try
            {
                using var server = new NetGearServer(options);
                while (sent < count && !token.IsCancellationRequested)
                {
                    using var frame = Frames.Marked();
                    server.Send(frame, new { n = sent }, token);
                    sent++;
                }
                if (pauseBeforeGoodbye is { } pause) token.WaitHandle.WaitOne(pause);
            }
            catch (OperationCanceledException) { }
            catch (NetGearException) { }
            return sent;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Reads up to <paramref name="count"/> packets (bounded by <see cref="Patience"/>); returns how many arrived and checks their bytes.</summary>
    public static async Task<int> Receive(NetGearClient client, int count)
    {
        var received = 0;
        var deadline = DateTime.UtcNow + Patience;
        while (received < count && DateTime.UtcNow < deadline)
        {
            using var packet = await client.ReceiveAsync(TimeSpan.FromMilliseconds(500));
            if (packet is null)
            {
                if (client.IsCompleted) break;
                continue;
            }
            Assert.True(packet.Frame.Data.IndexOf(Frames.Marker) >= 0, "the frame arrived changed");
            received++;
        }
        return received;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>A sender's key folder with its own client key pair that knows <paramref name="server"/>'s server public key.</summary>
    public static KeyDirectory Camera(string folder, KeyDirectory server)
    {
        var camera = KeyDirectory.At(folder);
        camera.Generate();
        CertificateFile.WritePublic(camera.ServerPublicFile, server.LoadServerPublicKey());
        return camera;
    }
}
