namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>Reads what a test peer process prints and how much memory it holds.</summary>
public static class PeerOutput
{
    /// <summary>The frames of <paramref name="port"/> in the client peer's latest <c>FRAMES</c> line (0 before any).</summary>
    public static long LastCount(Peer client, int port)
    {
        var line = client.Lines.LastOrDefault(l => l.StartsWith("FRAMES"));
        return line is null ? 0 : Count(line, port);
    }

    /// <summary>Parses <c>FRAMES 5566=12,5567=0</c> (after the peer's timestamp, if any).</summary>
    public static long Count(string line, int port)
    {
        foreach (var field in line.Split(' ', ',')) if (field.StartsWith($"{port}=")) return long.Parse(field[(port.ToString().Length + 1)..]);
        return 0;
    }

    /// <summary>The process's resident memory in MB (VmRSS); 0 once it has ended.</summary>
    public static long ResidentMegabytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException) { }
        return 0;
    }
}
