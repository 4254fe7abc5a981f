using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Reliability.Tests;

/// <summary>
/// <see cref="PeerLocality"/> over real connections between network namespaces made by the test (a client namespace
/// and a server namespace joined by a veth pair): a peer in the other namespace has its own address and is not on this
/// machine for the client (as a server on another computer, or in a container with its own network); a connection to
/// the namespace's own non-loopback address from inside it is. Each socket is created by a thread that joins the
/// namespace for that moment (a socket stays in the namespace it was made in).
/// </summary>
public sealed partial class PeerLocalityNamespaceTests
{
    private const int CloneNewNet = 0x40000000;

    [NetnsFact(Timeout = 60_000)]
    public async Task A_peer_in_another_namespace_is_elsewhere_and_one_connecting_to_the_namespaces_own_address_is_not()
    {
        using var netns = Netns.Create(servers: 1);
        var address = IPAddress.Parse(Netns.ClientAddressFor(1));
        using var listener = InNamespace(netns.ClientNs, () =>
        {
            var socket = NewSocket();
            socket.Bind(new IPEndPoint(address, 0));
            socket.Listen();
            return socket;
        });

        using var fromServerNamespace = InNamespace(netns.ServerNs(1), NewSocket);
        await fromServerNamespace.ConnectAsync(listener.LocalEndPoint!).WaitAsync(TimeSpan.FromSeconds(10));
        using (var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(10)))
            Assert.False(PeerLocality.OnThisMachine((long)accepted.Handle));

        using var fromClientNamespace = InNamespace(netns.ClientNs, NewSocket);
        await fromClientNamespace.ConnectAsync(listener.LocalEndPoint!).WaitAsync(TimeSpan.FromSeconds(10));
        using (var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(10)))
            Assert.True(PeerLocality.OnThisMachine((long)accepted.Handle));
    }

    private static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Runs <paramref name="create"/> on a thread that has joined network namespace <paramref name="name"/>.</summary>
    private static Socket InNamespace(string name, Func<Socket> create)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var own = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle($"/var/run/netns/{name}");
                if (setns(target.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns into {name} failed: errno {Marshal.GetLastPInvokeError()}");
                try
                {
                    socket = create();
                }
                finally
                {
                    if (setns(own.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                        error = new InvalidOperationException($"setns back failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            socket?.Dispose();
            throw error;
        }
        return socket!;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);
}
