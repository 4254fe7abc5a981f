using NetGearSharp.Security;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.Native.Wire;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// The wire hooks' part in libzmq's writes: a large frame's first batch, which ends inside the frame, goes with
/// <c>MSG_MORE</c> and the frame arrives whole; a write that ends with its message does not. Real libzmq sockets on
/// both ends, the hooks installed in this process.
/// </summary>
public class WriteMarkingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>As <c>NetGearProcessTuning.Apply</c> would, without its other process-wide changes.</summary>
    static WriteMarkingTests() => WireHooks.Allow();

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFramesFirstBatchIsMarkedAndTheFrameArrivesWhole(bool curve)
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return;
        var (serverKeys, clientKeys) = (CurveKeyPair.GenerateManaged(), CurveKeyPair.GenerateManaged());
        var port = FreePorts.One();
        using var receiver = Socket(SocketKind.Router, curve ? new CurveSpec(true, serverKeys, null, null) : null);
        receiver.Bind($"tcp://127.0.0.1:{port}");
        using var sender = Socket(SocketKind.Dealer, curve ? new CurveSpec(false, clientKeys, serverKeys.PublicKey, null) : null);
        Assert.True(WireHooks.TryInstall(), "not installed: " + WireHooks.Unavailable);
        sender.Connect($"tcp://127.0.0.1:{port}");

        var header = new byte[153];
        var frame = new byte[921_600];
        Random.Shared.NextBytes(header);
        Random.Shared.NextBytes(frame);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(sender.TrySend(header, more: true, Wait));
            Assert.True(sender.TrySend(frame, more: false, Wait));
            var parts = WireHooksTests.ReceiveMessage(receiver);
            Assert.Equal(2, parts.Count);
            Assert.Equal(header, parts[0]);
            Assert.Equal(frame, parts[1]);
        }
        Assert.True(WireHooks.MarkedWritesTo(port) >= 3, $"{WireHooks.MarkedWritesTo(port)} writes marked");
    }

    [Fact(Timeout = 30_000)]
    public async Task AWriteThatEndsWithItsMessageIsNotMarked()
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return;
        var port = FreePorts.One();
        using var receiver = Socket(SocketKind.Router, null);
        receiver.Bind($"tcp://127.0.0.1:{port}");
        using var sender = Socket(SocketKind.Dealer, null);
        Assert.True(WireHooks.TryInstall(), "not installed: " + WireHooks.Unavailable);
        sender.Connect($"tcp://127.0.0.1:{port}");
        Assert.True(sender.TrySend(new byte[10], more: false, Wait));
        Assert.Single(WireHooksTests.ReceiveMessage(receiver));
        var before = WireHooks.MarkedWritesTo(port);

        // libzmq's batch is 8,192 bytes: a 9-byte frame header and 8,183 bytes fill it and end the message.
        var exact = new byte[8183];
        Random.Shared.NextBytes(exact);
        Assert.True(sender.TrySend(exact, more: false, Wait));
        Assert.Equal(exact, Assert.Single(WireHooksTests.ReceiveMessage(receiver)));
        Assert.Equal(before, WireHooks.MarkedWritesTo(port));

        // One byte more and the batch ends inside the frame: marked, the kernel holds it for the last byte, and the
        // 8,193 bytes leave as one segment (unmarked, the batch would leave alone and the byte after it).
        var segments = SegmentsOut(port);
        var over = new byte[8184];
        Random.Shared.NextBytes(over);
        Assert.True(sender.TrySend(over, more: false, Wait));
        Assert.Equal(over, Assert.Single(WireHooksTests.ReceiveMessage(receiver)));
        Assert.Equal(before + 1, WireHooks.MarkedWritesTo(port));
        Assert.Equal(segments + 1, SegmentsOut(port));
    }

    /// <summary>The TCP segments the connection to <paramref name="port"/> has sent so far, as <c>ss</c> reports them.</summary>
    private static long SegmentsOut(int port)
    {
        using var ss = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ss", ["-Htin", "state", "established", "dst", $"127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = ss.StandardOutput.ReadToEnd();
        Assert.True(ss.WaitForExit(10_000), "ss did not finish");
        var match = System.Text.RegularExpressions.Regex.Match(output, @"segs_out:(\d+)");
        Assert.True(match.Success, "no segs_out in: " + output);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ITransportSocket Socket(SocketKind kind, CurveSpec? curve) =>
        NativeTransport.Default.CreateSocket(new SocketSpec(kind) { Linger = TimeSpan.Zero, Curve = curve });
}
