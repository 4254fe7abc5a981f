using NetGearSharp.Client;

using static NetGearSharp.Tests.Support.TestEnvelopes;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// The flow-control window with JPEG servers on this machine (<see cref="LocalCodecWork"/>): the answers of those that
/// stream wait while such servers answered and frames decoding reach the limit; servers elsewhere, paced servers and
/// raw frames never wait for it.
/// </summary>
public class LocalCodecWorkTests
{
    private static readonly TimeSpan IdleGap = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(250);
    private const long Budget = 1_000_000_000;
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    private int _decoding;

    /// <summary>
    /// A limit of 3; servers 1-4 local and sending JPEG, 5 local and sending raw frames, 6 elsewhere and sending JPEG,
    /// 7 local, sending JPEG and paced; each has had one frame answered and arrived (1-6 within a millisecond of the
    /// answer: streaming; 7 after 33 ms), by time 0.
    /// </summary>
    private (ReplyWindow Window, LocalCodecWork Codec) Create(int limit = 3, TimeSpan? maxAge = null)
    {
        var codec = new LocalCodecWork(limit, 2, () => _decoding);
        var window = new ReplyWindow(Budget, IdleGap, maxAge ?? MaxAge, codec: codec);
        for (var port = 1; port <= 7; port++)
        {
            codec.Accepted(port, onThisMachine: port != 6);
            codec.FrameArrived(port, jpeg: port != 5);
            var answered = port == 7 ? -34 * Ms : -2 * Ms;
            Assert.True(window.TryGrant(port, 100, answered)); // not streaming yet: never waits for codec room
            Assert.True(window.Arrived(port, answered + (port == 7 ? 33 : 1) * Ms));
        }
        Assert.Equal(0, window.CodecGrants);
        return (window, codec);
    }

    [Fact]
    public void A_local_jpeg_servers_answer_waits_while_codec_work_is_at_the_limit_and_goes_when_a_decode_ends()
    {
        var (window, _) = Create();
        _decoding = 1;
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.True(window.TryGrant(2, 100, 0));
        Assert.Equal(2, window.CodecGrants);
        Assert.False(window.TryGrant(3, 100, 0)); // 2 encoding + 1 decoding: at the limit of 3
        window.Hold(3, 100, Named("c"));
        Assert.False(window.TryRelease(0, out _));

        _decoding = 0;
        Assert.True(window.TryRelease(0, out var released));
        Assert.Equal("c", Name(released));
        Assert.Equal(3, window.CodecGrants);
    }

    [Fact]
    public void Servers_elsewhere_and_raw_frames_never_wait_for_codec_room_nor_behind_a_local_server_that_does()
    {
        var (window, codec) = Create();
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.True(window.TryGrant(2, 100, 0));
        Assert.True(window.TryGrant(3, 100, 0));
        Assert.False(window.TryGrant(4, 100, 0));
        window.Hold(4, 100, Named("d"));

        Assert.False(codec.Counts(5));
        Assert.False(codec.Counts(6));
        Assert.True(window.TryGrant(5, 100, 0)); // raw frames from this machine: no codec work
        Assert.True(window.TryGrant(6, 100, 0)); // JPEG from elsewhere: its encode is another machine's
        Assert.True(window.TryGrant(7, 100, 0)); // paced: it sleeps after its answer and encodes just before it sends
        Assert.Equal(3, window.CodecGrants);
        Assert.Equal(1, window.HeldCount);
    }

    [Fact]
    public void Only_replies_that_wait_for_something_unannounced_make_the_receive_loop_look_often()
    {
        // A reply waiting for codec room goes when a decode ends or a frame arrives, and both wake the receive loop; one
        // waiting for its server's queue room goes when the application takes a frame, which nothing announces.
        var full = new HashSet<int>();
        var codec = new LocalCodecWork(1, 2, () => _decoding);
        var window = new ReplyWindow(Budget, IdleGap, MaxAge, roomFor: port => !full.Contains(port), codec: codec);
        foreach (var port in new[] { 1, 2, 3 })
        {
            codec.Accepted(port, onThisMachine: true);
            codec.FrameArrived(port, jpeg: true);
            Assert.True(window.TryGrant(port, 100, -2 * Ms));
            Assert.True(window.Arrived(port, -Ms));
        }
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.False(window.TryGrant(2, 100, 0));
        window.Hold(2, 100, Named("b"));
        Assert.False(window.HoldsBeyondCodec());

        full.Add(3);
        Assert.False(window.TryGrant(3, 100, 0));
        window.Hold(3, 100, Named("c"));
        Assert.True(window.HoldsBeyondCodec());
    }

    [Fact]
    public void A_codec_grant_ends_when_its_frame_arrives_and_lapses_at_its_max_age()
    {
        var (window, _) = Create(limit: 1, maxAge: TimeSpan.FromMilliseconds(25));
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.False(window.TryGrant(2, 100, 0));
        Assert.True(window.Arrived(1, 0));
        Assert.Equal(0, window.CodecGrants);
        Assert.True(window.TryGrant(2, 100, 0));

        window.Hold(3, 100, Named("c"));
        Assert.False(window.TryRelease(24 * Ms, out _));
        Assert.True(window.TryRelease(25 * Ms, out var released)); // 2 never sent: its grant lapsed
        Assert.Equal("c", Name(released));
        Assert.Equal(1, window.CodecGrants);
    }

    [Fact]
    public void A_server_counts_as_local_by_its_latest_connection_and_as_jpeg_by_its_latest_frame()
    {
        var codec = new LocalCodecWork(3, 2, () => 0);
        Assert.False(codec.Counts(1));
        codec.Accepted(1, onThisMachine: true);
        Assert.False(codec.Counts(1)); // no frame yet
        codec.FrameArrived(1, jpeg: true);
        Assert.True(codec.Counts(1));
        codec.Accepted(1, onThisMachine: false); // it reconnected from another machine
        Assert.False(codec.Counts(1));
        codec.Accepted(1, onThisMachine: true);
        codec.FrameArrived(1, jpeg: false);
        Assert.False(codec.Counts(1));
    }

    [Fact]
    public void Without_flow_control_nothing_waits_for_codec_room()
    {
        var codec = new LocalCodecWork(1, 2, () => 5);
        codec.Accepted(1, onThisMachine: true);
        codec.FrameArrived(1, jpeg: true);
        var window = new ReplyWindow(0, IdleGap, MaxAge, codec: codec);
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.True(window.TryGrant(1, 100, Ms));
        Assert.Equal(0, window.HeldCount);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    [InlineData(16, 33)]
    public void The_limit_is_twice_the_processors_and_one_more(int processors, int expected)
    {
        Assert.Equal(expected, ClientSettings.LocalCodecJobs(processors));
        Assert.Equal(expected, ClientSettings.From(new NetGearClientOptions { Ports = [5555] }, processors).MaxLocalCodecJobs);
    }

    [Theory]
    [InlineData(2, 1, 0, true)] // two processors: the other server's encode takes one, the decode here the other
    [InlineData(2, 0, 0, false)] // nothing else encodes: a worker decodes, and the server is answered ahead
    [InlineData(2, 2, 0, false)] // more codec work than processors already: the workers share it
    [InlineData(2, 1, 1, false)] // a worker decodes too
    [InlineData(4, 3, 0, true)]
    [InlineData(4, 2, 1, true)]
    [InlineData(4, 1, 0, false)]
    [InlineData(4, 0, 3, false)] // no local encode to overlap with
    [InlineData(1, 0, 0, false)]
    public void A_frame_is_decoded_here_when_the_other_codec_work_leaves_exactly_one_processor(int processors, int encoding, int decoding, bool expected)
    {
        var codec = new LocalCodecWork(99, processors, () => decoding);
        Assert.Equal(expected, codec.DecodesHere(encoding));
    }

    [Fact]
    public void The_window_decodes_here_only_local_streaming_jpeg_servers_frames_while_one_other_local_server_encodes()
    {
        var (window, _) = Create(limit: 5);
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.True(window.TryGrant(2, 100, 0));
        Assert.True(window.Arrived(1, Ms)); // 1's frame, a millisecond after its answer; 2 still encodes
        Assert.True(window.DecodesHere(1)); // local, JPEG, streaming, with one other local server encoding
        Assert.False(window.DecodesHere(5)); // raw frames
        Assert.False(window.DecodesHere(6)); // a server elsewhere
        Assert.False(window.DecodesHere(7)); // a paced server

        _decoding = 1;
        Assert.False(window.DecodesHere(1)); // a worker decodes as well: all processors are taken

        _decoding = 0;
        Assert.True(window.TryGrant(3, 100, 0));
        Assert.False(window.DecodesHere(1)); // two others encode: more codec work than processors

        Assert.True(window.Arrived(2, 2 * Ms));
        Assert.True(window.Arrived(3, 2 * Ms));
        Assert.False(window.DecodesHere(1)); // nobody else encodes: worker, and an early answer
    }

    [Fact]
    public void Without_flow_control_no_frame_is_decoded_here_for_codec_room()
    {
        var codec = new LocalCodecWork(5, 2, () => 0);
        var window = new ReplyWindow(0, IdleGap, MaxAge, codec: codec);
        for (var port = 1; port <= 2; port++)
        {
            codec.Accepted(port, onThisMachine: true);
            codec.FrameArrived(port, jpeg: true);
            Assert.True(window.TryGrant(port, 100, 0)); // answered, but nothing is counted without a budget
        }
        Assert.False(window.DecodesHere(1));
    }
}
