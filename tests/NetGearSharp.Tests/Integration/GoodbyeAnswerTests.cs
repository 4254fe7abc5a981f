using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NetGearSharp.Protocol;
using NetGearSharp.Tests.Support;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// A client that ends on a server's goodbye closes that server's connection only after the server has: closing first
/// raced the answer to the goodbye, which a loaded server then missed (and waited a fifth of its request timeout).
/// </summary>
public class GoodbyeAnswerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 30_000)]
    public async Task The_client_keeps_a_goodbye_servers_connection_until_that_server_closes_it_bounded()
    {
        var port = FreePorts.One();
        var end = new EndWatch();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Transport = TransportKind.Native, LoggerFactory = end,
        });
        // A raw socket speaking as a NetGearSharp server does (a DEALER framed as a REQ, with ZMQ_IMMEDIATE), that
        // reports its connection's close, and that does not close after its goodbye.
        using var server = NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Dealer) { Immediate = true, Monitor = true });
        server.Connect($"tcp://127.0.0.1:{port}");
        var writer = new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default);
        Send(server, writer.WriteFrame(null, ElementType.UInt8, [2, 2], null).ToArray(), [1, 2, 3, 4]);
        Assert.True(Replies.IsFrameAck(Answer(server)));
        using (var packet = await client.ReceiveAsync(Wait)) Assert.NotNull(packet);

        Send(server, writer.WriteTerminate().ToArray(), null);
        // On a thread of its own with blocking waits, so that the close is seen when it comes.
        var closedAfter = await Task.Factory.StartNew(() => WatchTheClose(end, server), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // The client kept the connection for its whole wait, as this server never closed it, and then let go. Timed from
        // the end as the client's receive thread logged it, just before it waits: the application's view of the end
        // (Completion) can come later when the thread pool is busy (other tests run beside this one). Closing at once
        // shows here as a few milliseconds.
        Assert.InRange(closedAfter, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(5));
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));
    }

    /// <summary>Waits for the client's end, reads the goodbye's answer, waits for the close; returns how long after the end it came.</summary>
    private static TimeSpan WatchTheClose(EndWatch end, ITransportSocket server)
    {
        var waiting = Stopwatch.StartNew();
        while (end.EndedAt == 0 && waiting.Elapsed < Wait) Thread.Sleep(1);
        Assert.True(end.EndedAt != 0, "the client should end on the goodbye");
        var answer = Answer(server);
        Assert.True(answer.AsSpan().SequenceEqual(Replies.TerminateSingle) || answer.AsSpan().SequenceEqual(Replies.TerminateMulti),
            System.Text.Encoding.UTF8.GetString(answer));
        while (!Disconnected(server) && waiting.Elapsed < 2 * Wait) Thread.Sleep(2);
        return Stopwatch.GetElapsedTime(end.EndedAt);
    }

    /// <summary>Notes when the client logs its end (on its receive thread, right before it waits for the servers to close).</summary>
    private sealed class EndWatch : ILoggerFactory, ILogger
    {
        private long _endedAt;

        public long EndedAt => Interlocked.Read(ref _endedAt);

        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith("Client ends", StringComparison.Ordinal))
                Interlocked.CompareExchange(ref _endedAt, Stopwatch.GetTimestamp(), 0);
        }
    }

    private static bool Disconnected(ITransportSocket socket)
    {
        var closed = false;
        while (socket.TryGetEvent(out var ev)) closed |= ev.Kind == TransportEventKind.Disconnected;
        return closed;
    }

    private static void Send(ITransportSocket socket, byte[] header, byte[]? payload)
    {
        Assert.True(socket.TrySend([], more: true, Wait));
        Assert.True(socket.TrySend(header, more: payload is not null, Wait));
        if (payload is not null) Assert.True(socket.TrySend(payload, more: false, Wait));
    }

    /// <summary>The text of the client's answer (after the REQ delimiter); fails when none comes.</summary>
    private static byte[] Answer(ITransportSocket socket)
    {
        Assert.True(socket.TryReceive(TimeSpan.FromSeconds(2), out var part, out var more), "the client's answer should come");
        Assert.Empty(part.ToArray());
        Assert.True(more);
        Assert.True(socket.TryReceive(Wait, out part, out more));
        Assert.False(more);
        return part.ToArray();
    }
}
