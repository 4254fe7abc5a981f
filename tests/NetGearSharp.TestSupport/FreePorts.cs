using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.TestSupport;

/// <summary>
/// Free TCP ports for tests (never hard-coded), distinct within the test run. Each is checked free with the OS by
/// binding it. Candidates are drawn at random below the system's ephemeral range (Linux: <c>ip_local_port_range</c>):
/// a port the OS hands out for <c>bind(0)</c> comes from that range, which every outgoing connection of every test
/// running meanwhile draws its local port from too, so such a port could be taken again between the check and the test's
/// own bind (a viewer failed so: "port … is already in use"). Below the range only another bind can take it. Where there
/// is no room below the range, the OS picks (port 0).
/// </summary>
public static class FreePorts
{
    /// <summary>The lowest port drawn (well above the ports services register).</summary>
    private const int Lowest = 10_000;
    /// <summary>Draws before a port is taken from the OS instead (a port range nearly all in use).</summary>
    private const int Draws = 200;

    private static readonly HashSet<int> Handed = [];
    /// <summary>The first port of the ephemeral range; candidates are drawn from [<see cref="Lowest"/>, this).</summary>
    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        var listeners = new List<TcpListener>();
        try
        {
            while (ports.Count < count)
            {
                var listener = BindBelowEphemeral() ?? Bind(0);
                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                lock (Handed)
                {
                    if (!Handed.Add(port)) continue;
                }
                ports.Add(port);
            }
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
        return ports.ToArray();
    }

    public static int One() => Take(1)[0];

    /// <summary>A listener on a random free port below the ephemeral range; null if none was found in <see cref="Draws"/> draws.</summary>
    private static TcpListener? BindBelowEphemeral()
    {
        if (EphemeralStart - Lowest < 1_000) return null;
        for (var i = 0; i < Draws; i++)
        {
            var candidate = Random.Shared.Next(Lowest, EphemeralStart);
            lock (Handed)
            {
                if (Handed.Contains(candidate)) continue;
            }
            try
            {
                return Bind(candidate);
            }
            catch (SocketException)
            {
                // In use: draw again.
            }
        }
        return null;
    }

    /// <summary>Listens on <paramref name="port"/> of every IPv4 address (so a port bound on any one of them counts as taken).</summary>
    private static TcpListener Bind(int port)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch
        {
            listener.Stop();
            throw;
        }
    }

    private static int ReadEphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0; // not Linux, or not readable: the OS picks
        }
    }
}
