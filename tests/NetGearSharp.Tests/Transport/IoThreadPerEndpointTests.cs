using System.Globalization;
using NetGearSharp.Client;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// <see cref="SocketSpec.IoThreadPerEndpoint"/> on the native transport: a socket that binds several endpoints has each
/// endpoint's connections read by its own libzmq I/O thread, the endpoints dealt over the threads in turn, even when the
/// peers connect at the same moment. Where each connection is read is taken from the kernel: which I/O thread's epoll
/// set holds the accepted connection's descriptor (<c>/proc/self/fdinfo</c>).
/// </summary>
public class IoThreadPerEndpointTests
{
    [Fact(Timeout = 60_000)]
    public async Task EachEndpointsConnectionsAreReadByItsOwnIoThread()
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return;
        using var transport = new NativeTransport(new NativeTransportOptions { IoThreads = 2 });
        var ports = FreePorts.Take(4);
        using var client = transport.CreateSocket(new SocketSpec(SocketKind.Router) { Linger = TimeSpan.Zero, IoThreadPerEndpoint = true });
        foreach (var port in ports) client.Bind($"tcp://127.0.0.1:{port}");
        var servers = ports.Select(_ => transport.CreateSocket(new SocketSpec(SocketKind.Dealer) { Linger = TimeSpan.Zero })).ToList();
        try
        {
            // All at once: libzmq's own choice (the least loaded thread) can give two of them the same thread then.
            for (var i = 0; i < ports.Length; i++) servers[i].Connect($"tcp://127.0.0.1:{ports[i]}");
            for (var i = 0; i < ports.Length; i++) Assert.True(servers[i].TrySend([(byte)i], more: false, TimeSpan.FromSeconds(10)));
            for (var i = 0; i < ports.Length; i++)
            {
                // A ROUTER's message: the peer's routing id, then what it sent.
                Assert.True(client.TryReceive(TimeSpan.FromSeconds(10), out _, out var more) && more);
                Assert.True(client.TryReceive(TimeSpan.FromSeconds(10), out _, out more) && !more);
            }

            var sets = EpollSetsOfAcceptedConnections(ports);
            Assert.Equal(ports.Length, sets.Count);
            // Ports 0 and 2 on the first thread, 1 and 3 on the second.
            Assert.Equal(sets[ports[0]], sets[ports[2]]);
            Assert.Equal(sets[ports[1]], sets[ports[3]]);
            Assert.NotEqual(sets[ports[0]], sets[ports[1]]);
        }
        finally
        {
            foreach (var server in servers) server.Dispose();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_publish_subscribe_client_of_many_servers_deals_them_over_the_io_threads()
    {
        var sets = await SubscriberEpollSetsAsync(ClientSettings.SubscriberServersOnOneIoThread + 2);
        if (sets is null) return;
        // In turn: the first, third, fifth... port on one thread, the others on the other.
        for (var i = 2; i < sets.Count; i++) Assert.Equal(sets[i % 2], sets[i]);
        Assert.NotEqual(sets[0], sets[1]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_publish_subscribe_client_of_a_few_servers_reads_them_on_one_io_thread()
    {
        var sets = await SubscriberEpollSetsAsync(ClientSettings.SubscriberServersOnOneIoThread);
        if (sets is null) return;
        Assert.Single(sets.Distinct());
    }

    /// <summary>
    /// A multi-server Publish/Subscribe client of <paramref name="servers"/> servers on a native transport of 2 I/O
    /// threads, each server a publisher that connects: the epoll set that holds each server's connection, in port order
    /// (null where this cannot be seen: not Linux).
    /// </summary>
    private static async Task<List<int>?> SubscriberEpollSetsAsync(int servers)
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return null;
        using var transport = new NativeTransport(new NativeTransportOptions { IoThreads = 2 });
        var ports = FreePorts.Take(servers);
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = ports,
            Pattern = NetGearPattern.PubSub,
            CustomTransport = transport,
            AutoExit = false,
        });
        var publishers = ports.Select(_ => transport.CreateSocket(new SocketSpec(SocketKind.Pub) { Linger = TimeSpan.Zero })).ToList();
        try
        {
            for (var i = 0; i < ports.Length; i++) publishers[i].Connect($"tcp://127.0.0.1:{ports[i]}");
            // A connection is in an I/O thread's epoll set once that thread has taken it over from the listener.
            var sets = new Dictionary<int, int>();
            Assert.True(SpinWait.SpinUntil(() => (sets = EpollSetsOfAcceptedConnections(ports)).Count == ports.Length, TimeSpan.FromSeconds(10)),
                $"the client's I/O threads should hold all {ports.Length} connections; found {sets.Count}");
            return ports.Select(p => sets[p]).ToList();
        }
        finally
        {
            foreach (var publisher in publishers) publisher.Dispose();
        }
    }

    /// <summary>For each port, the epoll descriptor whose set holds the connection accepted on it (this process's).</summary>
    private static Dictionary<int, int> EpollSetsOfAcceptedConnections(int[] ports)
    {
        // The accepted connections: established sockets whose local port is one of ours, by inode (/proc/net/tcp).
        var inodeToPort = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[3] == "01" && ports.Contains(local)) inodeToPort[fields[9]] = local;
        }
        var descriptorToPort = new Dictionary<int, int>();
        var epolls = new List<int>();
        foreach (var entry in Directory.EnumerateFiles("/proc/self/fd"))
        {
            string target;
            try
            {
                target = new FileInfo(entry).LinkTarget ?? "";
            }
            catch (IOException)
            {
                continue; // closed meanwhile by another test
            }
            var descriptor = int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture);
            if (target == "anon_inode:[eventpoll]") epolls.Add(descriptor);
            else if (target.StartsWith("socket:[", StringComparison.Ordinal) && inodeToPort.TryGetValue(target[8..^1], out var port)) descriptorToPort[descriptor] = port;
        }
        var result = new Dictionary<int, int>();
        foreach (var epoll in epolls)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines($"/proc/self/fdinfo/{epoll}");
            }
            catch (IOException)
            {
                continue; // closed meanwhile by another test
            }
            foreach (var line in lines.Where(l => l.StartsWith("tfd:", StringComparison.Ordinal)))
            {
                var watched = int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                if (descriptorToPort.TryGetValue(watched, out var port)) result[port] = epoll;
            }
        }
        return result;
    }
}
