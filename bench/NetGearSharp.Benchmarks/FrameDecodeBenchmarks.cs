using BenchmarkDotNet.Attributes;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;

namespace NetGearSharp.Benchmarks;

/// <summary>Raw frame decode on the receive path: header parse, size check and one copy of 640x480x3 into pooled memory.</summary>
[MemoryDiagnoser]
public class FrameDecodeBenchmarks
{
    private PayloadDecoder _decoder = null!;
    private byte[] _header = [];
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        _decoder = new PayloadDecoder(64 * 1024 * 1024, fastDct: true, fastUpsample: false);
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Create(null));
        _header = writer.WriteFrame(null, ElementType.UInt8, [480, 640, 3], null).ToArray();
        if (!HeaderReader.Parse(_header, out _, out _).Success) throw new InvalidOperationException("header did not parse");
        _payload = new byte[480 * 640 * 3];
        new Random(3).NextBytes(_payload);
    }

    [Benchmark]
    public int DecodeRaw640x480()
    {
        HeaderReader.Parse(_header, out var header, out _);
        using var frame = _decoder.Decode(header, _payload, out _)!;
        return frame.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _decoder.Dispose();
}
