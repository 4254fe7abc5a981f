using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>Asks the OS for free TCP ports (never hard-coded), distinct within the test run.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        var listeners = new List<TcpListener>();
        try
        {
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
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
}
