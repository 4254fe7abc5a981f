using NetGearSharp.Cli.Tests.Support;
using NetGearSharp.Cli.Viewing;
using NetGearSharp.OpenCv;

namespace NetGearSharp.Cli.Tests.Viewing;

/// <summary>A view whose montage window could not open goes on without it, and stops copying frames for it.</summary>
public sealed class ViewSessionWindowTests
{
    private static ViewSettings Settings => new()
    {
        Ports = [5566, 5567], Address = "127.0.0.1", Pattern = NetGearPattern.ReqRep, Transport = TransportKind.NetMq, Filter = null,
        Window = true, RecordDirectory = null, RecordSegment = null, Summary = SummaryFormat.Text, WaitFirst = null,
        StaleAfter = TimeSpan.FromSeconds(2), LostAfter = TimeSpan.FromSeconds(1),
    };

    private static NetGearPacket Packet(int port, long sequence)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, 3]);
        frame.Data.Fill(80);
        return NetGearPacket.Create(port, frame, default, DateTimeOffset.UtcNow, sequence);
    }

    [Fact(Timeout = 30_000)]
    public async Task Once_the_window_failed_to_open_no_frame_is_copied_for_the_montage()
    {
        var display = new NoteTakingDisplay();
        var windowFailed = display.NoteContaining("montage window unavailable");
        var packets = Enumerable.Range(1, 5).SelectMany(i => new[] { Packet(5566, i), Packet(5567, i) }).ToList();
        var source = new ScriptedViewSource(windowFailed, packets);
        // What GTK does when it cannot start: the window cannot be made.
        Func<string, MatWindow> noWindow = _ => throw new OpenCvSharp.OpenCVException(OpenCvSharp.ErrorCode.StsError, "cvInitSystem", "Can't initialize GTK backend", "window_gtk.cpp", 0);

        using var session = new ViewSession(Settings, "netgear view", source, display, noWindow);
        var outcome = await session.RunAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ViewOutcome.AllServersGone, outcome);
        Assert.Equal(packets.Count, source.Delivered);
        Assert.Contains(display.Notes, n => n.Contains("montage window unavailable (Can't initialize GTK backend", StringComparison.Ordinal));
        Assert.Equal(0, session.ImagesKept);
    }
}
