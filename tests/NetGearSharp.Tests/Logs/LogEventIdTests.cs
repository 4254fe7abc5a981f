using System.Globalization;
using Microsoft.Extensions.Logging;
using NetGearSharp.Protocol;
using NetGearSharp.Tests.Client;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Logs;

/// <summary>
/// Every log line of the library has a stable event id and name (its <c>[LoggerMessage]</c> method), listed in
/// docs/logging.md, so an application can filter or alert on it; real scenarios log theirs.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Every_event_has_a_unique_non_zero_id_and_a_name_and_is_listed_in_the_docs()
    {
        var problems = LogEvents.Problems(typeof(NetGearClient).Assembly, 1000, 3999);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The client's, the server's, the transport's and security's events are all there.
        var ids = LogEvents.In(typeof(NetGearClient).Assembly).Select(d => d.Attribute.EventId).ToList();
        Assert.Contains(ids, id => id is >= 1000 and < 2000);
        Assert.Contains(ids, id => id is >= 2000 and < 3000);
        Assert.Contains(ids, id => id is >= 3000 and < 4000);
    }

    /// <summary>The scenario of <see cref="NeverConnectedWarningTests"/>: a listed port never connected when the client ends.</summary>
    [Fact(Timeout = 60_000)]
    public async Task The_client_s_end_and_its_ports_that_never_connected_are_logged_with_their_event_ids()
    {
        const int PortA = 5111, PortB = 5112; // in memory: no socket is bound
        var logs = new CollectingLoggerFactory();
        var transport = new InMemoryTransport();
        await using var client = new NetGearClient(new NetGearClientOptions { Ports = [PortA, PortB], CustomTransport = transport, LoggerFactory = logs });
        var socket = Assert.Single(transport.Sockets);
        socket.Accept(PortA);
        socket.Deliver(NeverConnectedWarningTests.Frame(PortA, 1));
        socket.Deliver([NeverConnectedWarningTests.Identity(PortA), [],
            new HeaderWriter(PortA.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteTerminate().ToArray()]);
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));

        LoggedEvent[] events;
        lock (logs.Lines) events = logs.Events.ToArray();
        var never = Assert.Single(events, e => e.EventId.Id == 1003);
        Assert.Equal("PortsNeverConnected", never.EventId.Name);
        Assert.Equal(LogLevel.Warning, never.Level);
        Assert.Equal(typeof(NetGearClient).FullName, never.Category);
        Assert.StartsWith($"Ports {PortB} never connected; the client ends without them", never.Message, StringComparison.Ordinal);
        var end = Assert.Single(events, e => e.EventId.Id == 1001);
        Assert.Equal("ClientEnded", end.EventId.Name);
        Assert.Equal("Client ends: AllServersGone", end.Message);
        Assert.Contains(events, e => e.EventId.Id == 1000 && e.EventId.Name == "ClientListening");
        Assert.DoesNotContain(events, e => e.EventId.Id == 0);
    }

    /// <summary>The scenario of <see cref="Integration.ServerRetryTests"/>: the client goes away, the server's request times out.</summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_server_s_reply_timeout_is_logged_with_its_event_id(TransportKind transport)
    {
        var port = FreePorts.One();
        var logs = new CollectingLoggerFactory();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport });
        var serverOptions = new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 2, Transport = transport,
            LoggerFactory = logs,
        };
        await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(serverOptions);
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame); // acknowledged: the client is there
            client.Dispose();   // the client goes away for good
            Assert.Throws<NetGearException>(() => server.Send(frame));
        }, TaskCreationOptions.LongRunning).WaitAsync(Wait);

        LoggedEvent[] events;
        lock (logs.Lines) events = logs.Events.ToArray();
        var timeout = Assert.Single(events, e => e.EventId.Id == 2014);
        Assert.Equal("ReplyTimeout", timeout.EventId.Name);
        Assert.Equal(LogLevel.Warning, timeout.Level);
        Assert.Equal(typeof(NetGearServer).FullName, timeout.Category);
        Assert.StartsWith($"No reply from the client at tcp://127.0.0.1:{port} (", timeout.Message, StringComparison.Ordinal);
        Assert.EndsWith("); reconnecting, attempt 1 of 2", timeout.Message, StringComparison.Ordinal);
        Assert.Contains(events, e => e.EventId.Id == 2000 && e.EventId.Name == "ServerConnecting");
        Assert.Contains(events, e => e.EventId.Id == 2001 && e.EventId.Name == "ServerClosed");
        Assert.DoesNotContain(events, e => e.EventId.Id == 0);
    }
}
