using System.Globalization;
using NetGearSharp.Interop.Tests.Support;

namespace NetGearSharp.Interop.Tests.LiveVidGear;

/// <summary>
/// NumPy arrays that are not images (1-D scores and bytes, a 0-D value, empty arrays) between the real VidGear 0.3.5
/// (Python/vidgear_arrays.py) and us, both ways: VidGear sends and reads them, and so do we now (our client dropped
/// them as malformed before, and our server refused to send them). Element types a frame cannot hold (complex64,
/// big-endian <c>&gt;u2</c>) are dropped, counted and logged with their name; the frames after them still arrive.
/// </summary>
public class NumPyArraysTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>The arrays of vidgear_arrays.py that a frame holds, in the order it sends them: kind, type, shape, values.</summary>
    private static readonly (string Kind, ElementType Type, int[] Shape, double[] Values)[] Accepted =
    [
        ("scores", ElementType.Float32, [4], [0, 0.5, 1, 1.5]),
        ("bytes", ElementType.UInt8, [16], [.. Enumerable.Range(0, 16).Select(i => (double)i)]),
        ("value", ElementType.Float64, [], [2.5]),
        ("empty", ElementType.UInt8, [0, 4, 3], []),
        ("empty1d", ElementType.Float32, [0], []),
        ("image", ElementType.UInt8, [2, 4, 3], [.. Enumerable.Range(0, 24).Select(i => (double)i)]),
    ];

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Frame Make(ElementType type, int[] shape, double[] values) => type switch
    {
        ElementType.Float32 => Frame.FromArray(values.Select(v => (float)v).ToArray(), shape),
        ElementType.Float64 => Frame.FromArray(values, shape),
        _ => Frame.FromArray(values.Select(v => (byte)v).ToArray(), shape),
    };

    private static double[] ValuesOf(Frame frame) => frame.ElementType switch
    {
        ElementType.Float32 => [.. frame.AsSpan<float>().ToArray().Select(v => (double)v)],
        ElementType.Float64 => frame.AsSpan<double>().ToArray(),
        _ => [.. frame.Data.ToArray().Select(b => (double)b)],
    };

    private static string Describe(string? kind, string type, IEnumerable<int> shape, IEnumerable<double> values)
        => $"{kind} {type} [{string.Join(", ", shape)}] = [{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]";

    private static IEnumerable<string> Expected => Accepted.Select(a => Describe(a.Kind, a.Type.WireName(), a.Shape, a.Values));

    [Fact(Timeout = 120_000)]
    public async Task Arrays_from_a_VidGear_server_reach_our_client_and_complex_or_big_endian_ones_are_named()
    {
        var port = FreePorts.Take(1)[0];
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Pattern = NetGearPattern.ReqRep, QueueCapacity = 100, LoggerFactory = log,
        });
        using var servers = new ProcessGroup();
        var server = servers.Add(PythonPeer.Start("vidgear_arrays.py", TimeSpan.FromSeconds(100), "--role", "server", "--port", S(port), "--timeout", "90"));

        var got = new List<string>();
        using var cts = new CancellationTokenSource(Wait);
        await foreach (var packet in client.ReadAllAsync(cts.Token))
        {
            using (packet)
                got.Add(Describe(packet.Message!.Value.GetProperty("kind").GetString(), packet.Frame.ElementType.WireName(), packet.Frame.Shape, ValuesOf(packet.Frame)));
        }

        Assert.Equal(Expected, got);
        Assert.Empty(server.Events("failed"));
        var info = client.GetServer(port)!;
        Assert.Equal(2, info.Malformed); // complex64 and >u2
        Assert.Equal(ServerState.Terminated, info.State);
        string lines;
        lock (log.Lines) lines = string.Join('\n', log.Lines);
        // Logged once per kind per 10 s: the first of the two (complex64) is the one in the log.
        Assert.Contains("dtype 'complex64' (complex numbers) is not supported", lines, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Arrays_from_our_server_reach_a_VidGear_client_as_the_same_NumPy_arrays()
    {
        var port = FreePorts.Take(1)[0];
        using var peers = new ProcessGroup();
        var client = peers.Add(PythonPeer.Start("vidgear_arrays.py", TimeSpan.FromSeconds(100), "--role", "client", "--port", S(port), "--timeout", "90"));
        await client.WaitForEventAsync("ready", Wait);
        using (var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, ConnectTimeout = Wait }))
        {
            foreach (var (kind, type, shape, values) in Accepted)
            {
                using var frame = Make(type, shape, values);
                server.Send(frame, new { kind });
            }
        } // the goodbye: VidGear's recv() returns None
        await client.WaitForEventAsync("end", Wait);

        var got = client.Events("frame").Select(f => Describe((string?)f["kind"], (string)f["dtype"]!,
            f["shape"]!.AsArray().Select(d => (int)d!), f["values"]!.AsArray().Select(v => (double)v!))).ToList();
        Assert.Equal(Expected, got);
    }
}
