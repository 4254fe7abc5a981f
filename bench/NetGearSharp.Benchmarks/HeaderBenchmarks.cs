using BenchmarkDotNet.Attributes;
using NetGearSharp.Protocol;

namespace NetGearSharp.Benchmarks;

/// <summary>The wire header: writing it (server) and parsing it (client), with the load benchmark's message.</summary>
[MemoryDiagnoser]
public class HeaderBenchmarks
{
    private readonly int[] _shape = [480, 640, 3];
    private HeaderWriter _writer = null!;
    private byte[] _header = [];
    private readonly Message _message = new();

    public sealed class Message
    {
        [System.Text.Json.Serialization.JsonPropertyName("t")] public double T { get; set; } = 1764287000123.25;
        [System.Text.Json.Serialization.JsonPropertyName("n")] public long N { get; set; } = 12345;
    }

    [GlobalSetup]
    public void Setup()
    {
        _writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Create(null));
        _header = _writer.WriteFrame(_message, ElementType.UInt8, _shape, null).ToArray();
    }

    [Benchmark]
    public int Write() => _writer.WriteFrame(_message, ElementType.UInt8, _shape, null).Length;

    [Benchmark]
    public bool Parse() => HeaderReader.Parse(_header, out _, out _).Success;
}
