using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// When a connection is closed for sending more than a whole message may hold without completing one (issue 11 item 6):
/// the kernel's received-byte count of each connection against the messages the socket handed out from it.
/// </summary>
public class UnreadBytesGuardTests
{
    private const string Endpoint = "tcp://127.0.0.1:5001";
    private const long Limit = 1000;

    private readonly Dictionary<long, long?> _received = [];
    private readonly List<long> _shut = [];
    private readonly UnreadBytesGuard _guard;
    private long _now = 1_000_000;
    private long? _heap = 100 * Mib;
    private const long Mib = 1024 * 1024;

    public UnreadBytesGuardTests()
    {
        _guard = Guard(Limit);
    }

    private UnreadBytesGuard Guard(long limit) => new(limit, fd => _received.GetValueOrDefault(fd), fd => { _shut.Add(fd); return true; },
        HeldMemory.Heap with { Read = () => _heap });

    /// <summary>A guard with a byte limit it never reaches (for the heap's rule), following new connections after its first look.</summary>
    private UnreadBytesGuard HeapGuard(params long[] connections)
    {
        var guard = Guard(Mib * 1024);
        foreach (var fd in connections) Accept(fd, guard: guard);
        _now += 50;
        guard.Check(_now);
        return guard;
    }

    private void Accept(long fd, long received = 0, UnreadBytesGuard? guard = null)
    {
        _received[fd] = received;
        (guard ?? _guard).Observe(new TransportEvent(TransportEventKind.Accepted, Endpoint, fd));
    }

    /// <summary>The next look (50 ms later).</summary>
    private void Look(long afterMs = 50)
    {
        _now += afterMs;
        _guard.Check(_now);
    }

    [Fact]
    public void A_connection_whose_message_never_ends_is_closed_past_the_limit_and_reported()
    {
        Accept(7);
        Look(); // the starting point
        _received[7] = Limit;
        Look();
        Assert.Empty(_shut);
        _received[7] = Limit + 1;
        Look();
        Assert.Equal([7L], _shut);
        Assert.True(_guard.TryTakeEvent(out var ev));
        Assert.Equal(TransportEventKind.MessageTooLarge, ev.Kind);
        Assert.Equal(Endpoint, ev.Endpoint);
        Assert.Equal(7, ev.Connection);
        Assert.False(_guard.TryTakeEvent(out _));
        Assert.Equal(0, _guard.Count); // reported once; its close comes from libzmq
    }

    [Fact]
    public void Messages_handed_out_start_the_count_again_so_a_steady_stream_is_never_closed()
    {
        Accept(7);
        Look();
        for (var i = 1; i <= 100; i++)
        {
            _received[7] = i * (Limit - 100); // each look, almost a limit's worth more, and a message read
            _guard.MessageRead(7);
            Look();
        }
        Assert.Empty(_shut);
    }

    [Fact]
    public void Bytes_counted_from_the_last_look_at_which_a_message_had_been_read()
    {
        Accept(7);
        Look();
        _received[7] = 5000;
        _guard.MessageRead(7);
        Look(); // a message was read: 5000 is the new starting point
        _received[7] = 5000 + Limit;
        Look();
        Assert.Empty(_shut);
        _received[7] = 5000 + Limit + 1;
        Look();
        Assert.Equal([7L], _shut);
    }

    [Fact]
    public void An_idle_connection_may_add_a_little_per_second_for_heartbeats()
    {
        Accept(7);
        Look();
        _received[7] = Limit + 10 * UnreadBytesGuard.IdleAllowancePerSecond; // ten seconds of heartbeats past the limit
        Look(10_000);
        Assert.Empty(_shut);
        _received[7] += UnreadBytesGuard.IdleAllowancePerSecond + 1;
        Look(1_000);
        Assert.Equal([7L], _shut);
    }

    [Fact]
    public void Connections_are_looked_at_no_more_often_than_the_interval()
    {
        Accept(7);
        Look();
        _received[7] = 10 * Limit;
        Look(10);
        Assert.Empty(_shut);
        Look(40);
        Assert.Equal([7L], _shut);
    }

    [Fact]
    public void Past_half_the_limit_connections_are_looked_at_more_often()
    {
        Accept(7);
        Look();
        _received[7] = Limit / 2 + 1;
        Look();
        _received[7] = Limit + 1;
        Look(10);
        Assert.Equal([7L], _shut);
    }

    [Fact]
    public void Each_connection_has_its_own_count()
    {
        Accept(7);
        Accept(8);
        Look();
        _received[7] = Limit / 2;
        _received[8] = 2 * Limit;
        _guard.MessageRead(7);
        Look();
        Assert.Equal([8L], _shut);
        Assert.Equal(1, _guard.Count);
    }

    [Fact]
    public void A_closed_connection_is_forgotten_and_its_descriptor_number_starts_again_when_reused()
    {
        Accept(7, received: 0);
        Look();
        _guard.Observe(new TransportEvent(TransportEventKind.Disconnected, Endpoint, 7));
        Assert.Equal(0, _guard.Count);
        // Another connection gets descriptor 7: its count starts at its own accept.
        Accept(7, received: 0);
        Look();
        _received[7] = Limit;
        Look();
        Assert.Empty(_shut);
    }

    [Fact]
    public void A_descriptor_that_is_no_longer_a_tcp_socket_is_forgotten_without_a_shutdown()
    {
        Accept(7);
        Look();
        _received[7] = null;
        Look();
        Assert.Empty(_shut);
        Assert.Equal(0, _guard.Count);
        Assert.False(_guard.TryTakeEvent(out _));
    }

    [Fact]
    public void A_count_lower_than_the_starting_point_is_a_new_connection_on_the_same_descriptor()
    {
        Accept(7, received: 500);
        Look();
        _received[7] = 100; // reused before its close was seen
        Look();
        _received[7] = 100 + Limit;
        Look();
        Assert.Empty(_shut);
    }

    [Fact]
    public void Messages_from_connections_not_followed_are_ignored()
    {
        _guard.MessageRead(42);
        Look();
        Assert.Equal(0, _guard.Count);
    }

    [Fact]
    public void A_message_of_many_small_parts_is_closed_when_the_heap_grows_far_more_than_it_received()
    {
        var guard = HeapGuard(7);
        // 1 MiB of empty parts on the wire; libzmq holds 64 bytes for every 2.
        _received[7] = Mib;
        _heap += Mib * 32;
        _now += 100;
        guard.Check(_now);
        Assert.Empty(_shut); // 31 MiB more than received: under the slack
        _received[7] = 3 * Mib;
        _heap += 70 * Mib; // 2 MiB more of empty parts, and libzmq's chunks for them
        _now += 50;
        guard.Check(_now);
        Assert.Equal([7L], _shut);
        Assert.True(guard.TryTakeEvent(out var ev));
        Assert.Equal(TransportEventKind.MessageTooLarge, ev.Kind);
        Assert.Contains("the C heap grew by 102 MiB while its connections received 3 MiB", ev.Detail);
        Assert.Contains("many small parts", ev.Detail);
    }

    [Fact]
    public void Where_parts_are_counted_at_the_wire_the_heaps_growth_closes_nothing()
    {
        // WireHooks count each message's parts: the guard keeps its byte and port rules only.
        var guard = new UnreadBytesGuard(Mib * 1024, fd => _received.GetValueOrDefault(fd), fd => { _shut.Add(fd); return true; }, HeldMemory.Off);
        Accept(7, guard: guard);
        _now += 50;
        guard.Check(_now);
        for (var i = 0; i < 20; i++)
        {
            _received[7] += Mib;
            _heap += 100 * Mib; // the application's own native allocations while a frame is in flight on a slow link
            _now += 50;
            guard.Check(_now);
        }
        Assert.Empty(_shut);
        _received[7] += 1025 * Mib;
        _now += 50;
        guard.Check(_now);
        Assert.Equal([7L], _shut);
    }

    [Fact]
    public void A_message_in_progress_for_less_than_the_wait_is_not_taken_for_many_small_parts()
    {
        var guard = HeapGuard(7);
        _received[7] = 10 * Mib;
        _heap += 320 * Mib;
        _now += 60;
        guard.Check(_now); // 60 ms into its message: a frame on a fast link completes sooner
        Assert.Empty(_shut);
        guard.MessageRead(7);
        _now += 60;
        guard.Check(_now);
        Assert.Empty(_shut);
    }

    [Fact]
    public void Every_connection_in_a_message_for_a_while_is_closed_when_the_heap_grows_far_more_than_they_received()
    {
        var guard = HeapGuard(7);
        _received[7] = 2 * Mib; // 7 holds 64 MiB of small parts
        _heap += 64 * Mib;
        _now += 200;
        guard.Check(_now);
        Accept(8, guard: guard);
        _now += 10;
        guard.Check(_now);
        _received[8] = 1536 * 1024; // 8 comes later and holds 30 MiB
        _heap += 30 * Mib;
        for (var look = 0; look < 10; look++)
        {
            _now += 10;
            guard.Check(_now);
        }
        Assert.Empty(_shut); // 7's count: 90.5 MiB more than received; 8's, from its own start: 26.5 MiB
        _heap += 10 * Mib;
        _now += 10;
        guard.Check(_now);
        // 7's count is past the slack: which of them holds the growth cannot be told, so both go.
        Assert.Equal([7L, 8L], _shut.Order());
    }

    [Fact]
    public void What_closed_connections_freed_does_not_hide_what_the_others_hold()
    {
        var guard = HeapGuard(7, 8);
        _received[7] = 4 * Mib;
        _heap += 128 * Mib;
        _now += 110;
        guard.Check(_now);
        Assert.Equal([7L], _shut); // 8 sent nothing: not in a message
        Accept(9, guard: guard);
        // 9 sends its many small parts as 7's 128 MiB are freed: the heap seems to fall while 9 holds 90 MiB.
        _received[9] = 3 * Mib;
        _heap += 90 * Mib - 128 * Mib;
        _now += 10;
        guard.Check(_now);
        _heap += 10 * Mib;
        _received[9] = 3 * Mib + 320 * 1024;
        _now += 100;
        guard.Check(_now);
        // 9's count: the heap's 100 MiB more than at the start, less 7.3 MiB received, plus the 38 MiB seen freed.
        Assert.Equal([7L, 9L], _shut);
    }

    [Fact]
    public void A_connection_after_a_long_while_without_any_is_not_measured_from_a_sample_of_back_then()
    {
        var guard = HeapGuard(7);
        guard.Observe(new TransportEvent(TransportEventKind.Disconnected, Endpoint, 7));
        _now += 600_000; // ten minutes without a connection: the application's own heap grows by 200 MiB
        _heap += 200 * Mib;
        Accept(8, guard: guard);
        guard.Check(_now);
        _received[8] = 4 * Mib; // a large frame on a slow link
        _heap += 4 * Mib;
        for (var look = 0; look < 10; look++)
        {
            _now += 50;
            guard.Check(_now);
        }
        Assert.Empty(_shut);
    }

    [Fact]
    public void Growth_that_other_connections_received_is_not_counted_against_a_message_in_progress()
    {
        var guard = HeapGuard(7, 8);
        // Connection 8 delivers 900 MiB of frames (the heap grows with them) while 7 is 2 MiB into a large frame.
        for (var i = 1; i <= 9; i++)
        {
            _received[8] = i * 100 * Mib;
            _received[7] = 2 * Mib;
            _heap += 100 * Mib;
            guard.MessageRead(8);
            _now += 500;
            guard.Check(_now);
        }
        Assert.Empty(_shut);
    }

    [Fact]
    public void Growth_alone_does_not_close_a_connection_with_nothing_unread()
    {
        var guard = HeapGuard(7);
        _received[7] = 500; // its handshake: within what heartbeats may add
        _heap += 2048 * Mib; // the application's own
        _now += 5000;
        guard.Check(_now);
        Assert.Empty(_shut);
    }

    [Fact]
    public void The_C_heap_is_read_and_follows_native_allocations()
    {
        var before = MallocHeap.InUse();
        Assert.NotNull(before);
        unsafe
        {
            var block = System.Runtime.InteropServices.NativeMemory.Alloc(64 * 1024 * 1024);
            try
            {
                Assert.True(MallocHeap.InUse() - before >= 64 * Mib - Mib, $"{before} then {MallocHeap.InUse()}");
            }
            finally
            {
                System.Runtime.InteropServices.NativeMemory.Free(block);
            }
        }
        Assert.True(MallocHeap.InUse() - before < 16 * Mib);
    }

    [Fact]
    public void The_kernel_count_of_a_real_tcp_connection_is_read()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect(System.Net.IPAddress.Loopback, ((System.Net.IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = listener.AcceptSocket();
        client.GetStream().Write(new byte[123_457]);
        var fd = accepted.SafeHandle.DangerousGetHandle().ToInt64();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (TcpConnection.BytesReceived(fd) != 123_457 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal(123_457, TcpConnection.BytesReceived(fd));
        Assert.Null(TcpConnection.BytesReceived(-1));
    }

    [Fact]
    public void Many_connections_to_one_port_hold_two_limits_together_and_the_stalest_are_closed_first()
    {
        // Less than a second in all: no heartbeat allowance blurs the counts.
        Accept(7);
        Look(100);
        Accept(8);
        Look(100);
        Accept(9);
        Look(100);
        Accept(10);
        _received[10] = 0;
        Look(); // every connection has its starting point; 7 is the oldest, 9 the newest
        foreach (var fd in new long[] { 7, 8, 9 }) _received[fd] = Limit * 9 / 10;
        Look();
        // 2.7 limits together: the one longest without a message (7) is closed, 1.8 limits are left.
        Assert.Equal([7L], _shut);
        Assert.True(_guard.TryTakeEvent(out var ev));
        Assert.Contains("the connections of one port held", ev.Detail);
        Assert.Equal(7, ev.Connection);
        // A connection that completes messages starts again from each: it is never the stalest.
        _received[10] = Limit * 9 / 10;
        _guard.MessageRead(10);
        Look();
        _received[10] = Limit * 18 / 10;
        _guard.MessageRead(10);
        Look();
        Assert.Equal([7L], _shut);
        _received[8] = Limit; // 8 and 9 now hold 1.9 limits, 10 some more since its last message
        _received[10] = Limit * 25 / 10;
        Look();
        Assert.Equal([7L, 8L], _shut);
    }

    [Fact]
    public void Connections_of_different_ports_are_not_counted_together()
    {
        _received[7] = 0;
        _guard.Observe(new TransportEvent(TransportEventKind.Accepted, "tcp://127.0.0.1:5001", 7));
        _received[8] = 0;
        _guard.Observe(new TransportEvent(TransportEventKind.Accepted, "tcp://127.0.0.1:5002", 8));
        _received[9] = 0;
        _guard.Observe(new TransportEvent(TransportEventKind.Accepted, "tcp://127.0.0.1:5003", 9));
        Look();
        foreach (var fd in new long[] { 7, 8, 9 }) _received[fd] = Limit * 9 / 10;
        Look();
        Assert.Empty(_shut);
    }

    [Fact]
    public void A_new_connection_is_counted_from_its_first_byte_so_a_burst_before_the_first_look_counts()
    {
        Accept(7, received: Limit + 1); // a whole unfinished message sent before the guard ever looked
        Look();
        Assert.Equal([7L], _shut);
    }

    [Fact]
    public void A_connection_read_from_before_its_accepted_event_is_counted_from_the_first_look()
    {
        _guard.MessageRead(7); // its first message was read before the event came
        Accept(7, received: 3 * Limit);
        Look();
        _received[7] = 3 * Limit + Limit;
        Look();
        Assert.Empty(_shut);
        _received[7] = 3 * Limit + Limit + 1;
        Look();
        Assert.Equal([7L], _shut);
    }
}
