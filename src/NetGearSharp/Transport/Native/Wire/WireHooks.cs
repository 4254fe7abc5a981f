using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.Native.Wire;

/// <summary>
/// Reads what libzmq reads from the connections of a watched socket's listeners, as libzmq reads it, and stops a message
/// that goes past its limits before libzmq has seen the part that does: the message is never held. libzmq has no such
/// limit (ZMQ_MAXMSGSIZE caps each part; a message of 100 M empty parts passes, at 64 bytes of memory per part) and no
/// hook for one, so this takes libzmq's own calls of <c>recv</c>, <c>accept</c>, <c>accept4</c>, <c>listen</c> and
/// <c>close</c> (and <c>send</c>, below) through the slots of its global offset table (<see cref="ImportSlots"/>): a
/// listener opened while a watched socket binds (<see cref="Binding"/>) is followed, so are the connections it
/// accepts, and their bytes go through a <see cref="ZmtpMeter"/> as libzmq receives them. At the header of the part
/// that takes a message past 16 parts or past <see cref="WireWatch.MaxMessageBytes"/>, the read reports the end of the
/// connection (libzmq closes it, as when a peer leaves) and the watch is told (<see cref="WireCut"/>). Every other read
/// passes straight through, at the cost of a lookup. libzmq's writes come here too, on every TCP connection: a write
/// that ends inside a frame is marked <c>MSG_MORE</c> (<see cref="OutgoingFraming"/>), so a large frame leaves in
/// full-size segments. This changes libzmq for the whole process, so it is installed only once the application asked
/// for it (<see cref="NetGearProcessTuning.Apply"/>, <see cref="NetGearProcessTuningOptions.LibzmqWireHooks"/>), once per
/// process, where libzmq is a glibc shared library on x64 or arm64; elsewhere the socket's
/// <see cref="UnreadBytesGuard"/> stays the only cap. The replaced calls keep errno as the system's set it.
/// </summary>
internal static unsafe partial class WireHooks
{
    private static readonly Lock InstallGate = new();
    private static readonly ConcurrentDictionary<int, WireListener> Listeners = new();
    private static readonly ConcurrentDictionary<int, WireConnection> Connections = new();
    /// <summary>Every connection libzmq writes to, by descriptor: where its writes stand in the framing.</summary>
    private static readonly ConcurrentDictionary<int, OutgoingFraming> Outgoing = new();
    /// <summary>0: not tried; 1: installed; -1: not possible here.</summary>
    private static int s_state;
    /// <summary>Whether the application asked for the hooks (<see cref="NetGearProcessTuning.Apply"/>).</summary>
    private static volatile bool s_allowed;
    // The system's calls, made with the ordinary GC transition, never SuppressGCTransition: a hook is entered from
    // libzmq's thread (a reverse P/Invoke), and the GC poll that follows a suppressed call can be placed after the hook
    // has switched back to native code. With a collection pending at that moment libzmq's thread went on in cooperative
    // mode, and its next hook call failed fast ("attempted to call a UnmanagedCallersOnly method from managed code") or
    // a collection waited on it for ever (seen with close; the others were spared only by where the JIT put the poll).
    // errno survives the ordinary transition: the runtime's slow path back to managed code (taken when a collection
    // stops the thread) keeps the last error, which on Unix is errno, as Marshal.GetLastPInvokeError relies on.
    private static delegate* unmanaged[Cdecl]<int, byte*, nuint, int, nint> s_recv;
    private static delegate* unmanaged[Cdecl]<int, byte*, nuint, int, nint> s_send;
    private static delegate* unmanaged[Cdecl]<int, void*, void*, int, int> s_accept4;
    private static delegate* unmanaged[Cdecl]<int, void*, void*, int> s_accept;
    private static delegate* unmanaged[Cdecl]<int, int, int> s_listen;
    private static delegate* unmanaged[Cdecl]<int, int> s_close;

    private const int MsgPeek = 2;
    private const int MsgMore = 0x8000;

    [ThreadStatic]
    private static WireWatch? t_binding;

    /// <summary>Why the hooks could not be installed, where they could not; null otherwise.</summary>
    public static string? Unavailable { get; private set; }

    /// <summary>Whether the hooks are installed.</summary>
    public static bool Installed => Volatile.Read(ref s_state) > 0;

    /// <summary>The application asked for the hooks: sockets created from now on install them (<see cref="TryInstall"/>).</summary>
    public static void Allow() => s_allowed = true;

    /// <summary>
    /// Installs the hooks, once per process, if the application asked for them (<see cref="Allow"/>). False where they
    /// were not asked for, or cannot be installed (<see cref="Unavailable"/> says why).
    /// </summary>
    public static bool TryInstall()
    {
        if (!s_allowed) return false;
        if (Volatile.Read(ref s_state) != 0) return s_state > 0;
        lock (InstallGate)
        {
            if (s_state != 0) return s_state > 0;
            try
            {
                Unavailable = Install();
            }
            catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
            {
                Unavailable = ex.Message;
            }
            Volatile.Write(ref s_state, Unavailable is null ? 1 : -1);
            return s_state > 0;
        }
    }

    /// <summary>While the returned scope lasts, a listener libzmq opens on this thread belongs to <paramref name="watch"/> (null: none).</summary>
    public static BindingScope Binding(WireWatch? watch)
    {
        var previous = t_binding;
        t_binding = watch;
        return new BindingScope(previous);
    }

    /// <summary>Ends a <see cref="Binding"/>.</summary>
    public readonly struct BindingScope(WireWatch? previous) : IDisposable
    {
        /// <summary>Restores the binding before this one.</summary>
        public void Dispose() => t_binding = previous;
    }

    private static string? Install()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        string[] names = ["recv", "send", "accept4", "accept", "listen", "close"];
        var slots = ImportSlots.Find(file => file.StartsWith("libzmq", StringComparison.Ordinal), new HashSet<string>(names, StringComparer.Ordinal));
        var found = slots.Select(s => s.Function).ToHashSet(StringComparer.Ordinal);
        if (!found.Contains("recv") || !found.Contains("listen") || !found.Contains("close") || !(found.Contains("accept4") || found.Contains("accept")))
            return "libzmq's calls of recv, accept, listen and close were not found (" + (slots.Count == 0 ? "no libzmq loaded, or not an ELF library on x64 or arm64" : string.Join(", ", found)) + ")";
        // What the dynamic linker would bind libzmq's calls to (the first definition in the process's global scope).
        var program = NativeLibrary.GetMainProgramHandle();
        s_recv = (delegate* unmanaged[Cdecl]<int, byte*, nuint, int, nint>)NativeLibrary.GetExport(program, "recv");
        s_send = (delegate* unmanaged[Cdecl]<int, byte*, nuint, int, nint>)NativeLibrary.GetExport(program, "send");
        s_accept4 = (delegate* unmanaged[Cdecl]<int, void*, void*, int, int>)NativeLibrary.GetExport(program, "accept4");
        s_accept = (delegate* unmanaged[Cdecl]<int, void*, void*, int>)NativeLibrary.GetExport(program, "accept");
        s_listen = (delegate* unmanaged[Cdecl]<int, int, int>)NativeLibrary.GetExport(program, "listen");
        s_close = (delegate* unmanaged[Cdecl]<int, int>)NativeLibrary.GetExport(program, "close");
        // All or none: a connection followed without the close hook could be taken for a later one on its descriptor.
        var replaced = new List<(nint Slot, nint Previous)>();
        try
        {
            foreach (var slot in slots) replaced.Add((slot.Address, ImportSlots.Replace(slot.Address, HookFor(slot.Function))));
        }
        catch (InvalidOperationException)
        {
            foreach (var (slot, previous) in replaced) ImportSlots.Replace(slot, previous);
            throw;
        }
        return null;
    }

    private static nint HookFor(string function) => function switch
    {
        "recv" => (nint)(delegate* unmanaged[Cdecl]<int, byte*, nuint, int, nint>)&Recv,
        "send" => (nint)(delegate* unmanaged[Cdecl]<int, byte*, nuint, int, nint>)&Send,
        "accept4" => (nint)(delegate* unmanaged[Cdecl]<int, void*, void*, int, int>)&Accept4,
        "accept" => (nint)(delegate* unmanaged[Cdecl]<int, void*, void*, int>)&Accept,
        "listen" => (nint)(delegate* unmanaged[Cdecl]<int, int, int>)&Listen,
        _ => (nint)(delegate* unmanaged[Cdecl]<int, int>)&Close,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint Recv(int descriptor, byte* buffer, nuint length, int flags)
    {
        var received = s_recv(descriptor, buffer, length, flags);
        // Nothing that could change errno runs before a failed read returns: libzmq reads errno then.
        // A peek leaves the bytes for the next read (libzmq does not peek; they are counted when read).
        if (received <= 0 || (flags & MsgPeek) != 0 || !Connections.TryGetValue(descriptor, out var connection)) return received;
        try
        {
            if (connection.Cut) return 0;
            var verdict = connection.Meter.Feed(new ReadOnlySpan<byte>(buffer, (int)received));
            if (verdict == ZmtpVerdict.Pass) return received;
            if (verdict == ZmtpVerdict.NotZmtp)
            {
                // Not ZeroMQ: libzmq's own handshake turns it away.
                Connections.TryRemove(descriptor, out _);
                return received;
            }
            connection.Cut = true;
            TcpConnection.Shutdown(descriptor);
            connection.Listener.Watch.Report(new WireCut(descriptor, connection.Listener.Port, connection.Meter.Detail ?? verdict.ToString()));
            // As if the peer had closed: libzmq drops what it holds of the connection and closes it.
            return 0;
        }
        catch (Exception)
        {
            // A fault of ours must not reach libzmq's thread: the connection is no longer followed.
            Connections.TryRemove(descriptor, out _);
            return received;
        }
    }

    /// <summary>
    /// libzmq's write: marked <c>MSG_MORE</c> when it ends inside a frame (<see cref="OutgoingFraming"/>), then what
    /// the kernel took is followed. Nothing that could change errno runs after a failed write.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint Send(int descriptor, byte* buffer, nuint length, int flags)
    {
        OutgoingFraming? framing = null;
        try
        {
            framing = Outgoing.TryGetValue(descriptor, out var known) ? known : FollowWrites(descriptor, buffer, length);
            if (length > int.MaxValue) framing = Outgoing[descriptor] = OutgoingFraming.Untracked;
            else if (framing.EndsInsideFrame(new ReadOnlySpan<byte>(buffer, (int)length))) flags |= MsgMore;
        }
        catch (Exception)
        {
            // A fault of ours must not reach libzmq's thread: the write goes as libzmq made it, and the connection is
            // no longer followed (this write would be missing from its framing).
            framing = null;
            Unfollow(descriptor);
        }
        var sent = s_send(descriptor, buffer, length, flags);
        if (sent <= 0 || framing is null || framing.Lost) return sent;
        try
        {
            framing.Wrote(new ReadOnlySpan<byte>(buffer, (int)sent));
        }
        catch (Exception)
        {
            Unfollow(descriptor);
        }
        return sent;
    }

    /// <summary>The connection's writes are no longer followed (never marked).</summary>
    private static void Unfollow(int descriptor)
    {
        try
        {
            Outgoing[descriptor] = OutgoingFraming.Untracked;
        }
        catch (Exception)
        {
            // Nothing more to do on libzmq's thread.
        }
    }

    /// <summary>
    /// A connection libzmq writes to for the first time: followed from its first byte (a ZMTP greeting's 0xFF) when it
    /// is TCP; otherwise (a Unix socket, or one that was open before the hooks) never marked.
    /// </summary>
    private static OutgoingFraming FollowWrites(int descriptor, byte* buffer, nuint length)
    {
        var framing = length > 0 && buffer[0] == 0xFF && IsTcp(descriptor) ? new OutgoingFraming() : OutgoingFraming.Untracked;
        Outgoing[descriptor] = framing;
        return framing;
    }

    /// <summary>The writes marked <c>MSG_MORE</c> on the connections to <paramref name="remotePort"/> (for tests).</summary>
    internal static long MarkedWritesTo(int remotePort)
    {
        long marked = 0;
        foreach (var (descriptor, framing) in Outgoing)
            if (RemotePort(descriptor) == remotePort) marked += framing.MarkedWrites;
        return marked;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Accept4(int listener, void* address, void* length, int flags)
    {
        var accepted = s_accept4(listener, address, length, flags);
        if (accepted >= 0) Follow(listener, accepted);
        return accepted;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Accept(int listener, void* address, void* length)
    {
        var accepted = s_accept(listener, address, length);
        if (accepted >= 0) Follow(listener, accepted);
        return accepted;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Listen(int descriptor, int backlog)
    {
        var result = s_listen(descriptor, backlog);
        if (result == 0 && t_binding is { IsClosed: false } watch)
        {
            try
            {
                Listeners[descriptor] = new WireListener(watch, LocalPort(descriptor));
            }
            catch (Exception)
            {
                // Not followed: the socket's UnreadBytesGuard still caps its connections.
            }
        }
        return result;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(int descriptor)
    {
        try
        {
            // Forgotten before the descriptor is free to be given out again.
            Connections.TryRemove(descriptor, out _);
            Outgoing.TryRemove(descriptor, out _);
            Listeners.TryRemove(descriptor, out _);
        }
        catch (Exception)
        {
            // Nothing to undo.
        }
        return s_close(descriptor);
    }

    private static void Follow(int listener, int accepted)
    {
        try
        {
            if (Listeners.TryGetValue(listener, out var owner) && !owner.Watch.IsClosed) Connections[accepted] = new WireConnection(owner);
            else Connections.TryRemove(accepted, out _);
        }
        catch (Exception)
        {
            // Not followed: the socket's UnreadBytesGuard still caps it.
        }
    }

    /// <summary>The port a listening descriptor is bound to (IPv4 or IPv6); 0 when unknown.</summary>
    private static int LocalPort(int descriptor) => SocketNames.FamilyAndPort(descriptor, peer: false).Port;

    /// <summary>The port a connected descriptor's peer is on (IPv4 or IPv6); 0 when unknown.</summary>
    private static int RemotePort(int descriptor) => SocketNames.FamilyAndPort(descriptor, peer: true).Port;

    /// <summary>Whether the descriptor is an IPv4 or IPv6 socket.</summary>
    private static bool IsTcp(int descriptor) => SocketNames.FamilyAndPort(descriptor, peer: false).Family is SocketNames.AfInet or SocketNames.AfInet6;
}
