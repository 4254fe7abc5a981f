using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NetGearSharp.Protocol;

namespace NetGearSharp.Benchmarks;

/// <summary>
/// A server's per-frame header (HeaderWriter.WriteFrame, on the hot path of every send) with the messages servers
/// send: the load benchmark's (a fractional time stamp and a counter), one with a whole-number double (written
/// <c>21.0</c>, as Python does), one the serializer writes (an array of doubles), a <see cref="JsonElement"/> (a
/// message passed on as it was received; boxed once here: the boxing is the caller's), and none.
/// </summary>
[MemoryDiagnoser]
public class HeaderWriterBenchmarks
{
    private readonly HeaderWriter _writer = new("5566", NetGearPattern.ReqRep, MessageJson.Default);
    private readonly BenchMessage _stamp = new();
    private readonly object _whole = new { t = 21.0, n = 5L };
    private readonly object _nested = new { t = 21.5, xy = new[] { 1.0, 2.5, 3.0, 4.25 } };
    private readonly object _element = JsonDocument.Parse("""{"camera": "door", "t": 1733370000.125, "n": 42}""").RootElement;
    private readonly int[] _shape = [480, 640, 3];

    [Benchmark(Baseline = true)]
    public int NoMessage() => _writer.WriteFrame(null, ElementType.UInt8, _shape, null).Length;

    [Benchmark]
    public int StampMessage() => _writer.WriteFrame(_stamp, ElementType.UInt8, _shape, null).Length;

    [Benchmark]
    public int WholeDoubleMessage() => _writer.WriteFrame(_whole, ElementType.UInt8, _shape, null).Length;

    [Benchmark]
    public int SerializedMessage() => _writer.WriteFrame(_nested, ElementType.UInt8, _shape, null).Length;

    [Benchmark]
    public int JsonElementMessage() => _writer.WriteFrame(_element, ElementType.UInt8, _shape, null).Length;
}
