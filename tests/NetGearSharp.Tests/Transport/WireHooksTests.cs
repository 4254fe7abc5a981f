using System.Text;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.Native.Wire;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// The native transport's hooks on libzmq's reads (issue 11 item 6): a client's socket counts each message's parts as
/// libzmq reads them and closes the connection at the part that goes past the limits, before libzmq holds it. Real
/// libzmq sockets on both ends: a DEALER may send as many parts as it likes.
/// </summary>
public class WireHooksTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>As <c>NetGearProcessTuning.Apply</c> would, without its other process-wide changes.</summary>
    static WireHooksTests() => WireHooks.Allow();

    [Fact]
    public void LibzmqsCallsAreFoundAndHooked()
    {
        if (!OperatingSystem.IsLinux()) return;
        _ = NativeTransport.LibraryVersion; // loads libzmq
        var slots = ImportSlots.Find(file => file.StartsWith("libzmq", StringComparison.Ordinal), new HashSet<string> { "recv", "listen", "close", "accept4" });
        Assert.Contains(slots, s => s.Function == "recv");
        Assert.Contains(slots, s => s.Function == "listen");
        Assert.Contains(slots, s => s.Function == "close");
        Assert.True(WireHooks.TryInstall(), "not installed: " + WireHooks.Unavailable);
    }

    [Fact(Timeout = 30_000)]
    public async Task AMessageOfMoreThan16PartsIsCutAtItsSeventeenthPartAndTheSenderComesBack()
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return;
        using var client = Capped(1024 * 1024, out var port);
        using var sender = Dealer(port);

        SendMessage(sender, 3, 10);
        Assert.Equal(3, ReceiveMessage(client).Count);

        SendMessage(sender, 40, 0);
        var cut = await NextCutAsync(client);
        Assert.Equal(port, Endpoints.PortOf(cut.Endpoint));
        Assert.Contains("more than 16 parts", cut.Detail);

        // libzmq's DEALER connects again; its next message arrives whole, and the 40-part one never did.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<byte[]>? next = null;
        while (next is null && DateTime.UtcNow < deadline)
        {
            SendMessage(sender, 2, 5);
            next = TryReceiveMessage(client, TimeSpan.FromMilliseconds(300));
        }
        Assert.NotNull(next);
        Assert.Equal(2, next.Count);
        Assert.All(next, part => Assert.Equal(5, part.Length));
    }

    [Fact(Timeout = 30_000)]
    public async Task AMessagePastTheByteCapIsCutAtThePartThatTakesItThere()
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return;
        using var client = Capped(1024 * 1024, out var port);
        using var sender = Dealer(port);

        SendMessage(sender, 2, 400_000);
        Assert.Equal(2, ReceiveMessage(client).Count);

        SendMessage(sender, 3, 400_000);
        var cut = await NextCutAsync(client);
        Assert.Contains("bytes and counting", cut.Detail);
        Assert.Null(TryReceiveMessage(client, TimeSpan.FromMilliseconds(300)));
    }

    [Fact(Timeout = 30_000)]
    public async Task ASocketWithoutACapIsNotFollowed()
    {
        await Task.Yield();
        if (!OperatingSystem.IsLinux()) return;
        using var capped = Capped(1024 * 1024, out _); // installs the hooks in this process
        var port = FreePorts.One();
        using var plain = NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Router) { Monitor = true, Linger = TimeSpan.Zero });
        plain.Bind($"tcp://127.0.0.1:{port}");
        using var sender = Dealer(port);

        SendMessage(sender, 40, 1);
        Assert.Equal(40, ReceiveMessage(plain).Count);
    }

    /// <summary>A bound ROUTER capped as a client's socket is (parts counted, whole messages up to <paramref name="maxMessageBytes"/>).</summary>
    private static ITransportSocket Capped(long maxMessageBytes, out int port)
    {
        port = FreePorts.One();
        var socket = NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Router) { Monitor = true, MaxUnreadBytes = maxMessageBytes, Linger = TimeSpan.Zero });
        socket.Bind($"tcp://127.0.0.1:{port}");
        return socket;
    }

    private static ITransportSocket Dealer(int port)
    {
        var socket = NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Dealer) { Linger = TimeSpan.Zero });
        socket.Connect($"tcp://127.0.0.1:{port}");
        return socket;
    }

    private static void SendMessage(ITransportSocket socket, int parts, int bytes)
    {
        var part = new byte[bytes];
        for (var i = 0; i < parts; i++) Assert.True(socket.TrySend(part, more: i < parts - 1, Wait));
    }

    /// <summary>A ROUTER's message without the sender's identity (also <see cref="WriteMarkingTests"/>'s).</summary>
    internal static List<byte[]> ReceiveMessage(ITransportSocket socket) =>
        TryReceiveMessage(socket, Wait) ?? throw new TimeoutException("no message");

    private static List<byte[]>? TryReceiveMessage(ITransportSocket socket, TimeSpan timeout)
    {
        if (!socket.TryReceive(timeout, out _, out var more)) return null;
        var parts = new List<byte[]>();
        while (more)
        {
            Assert.True(socket.TryReceive(Wait, out var part, out more));
            parts.Add(part.ToArray());
        }
        return parts;
    }

    private static async Task<TransportEvent> NextCutAsync(ITransportSocket socket)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            while (socket.TryGetEvent(out var ev))
                if (ev.Kind == TransportEventKind.MessageTooLarge) return ev;
            await Task.Delay(10);
        }
        throw new TimeoutException("no MessageTooLarge event");
    }
}
