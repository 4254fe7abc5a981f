using BenchmarkDotNet.Attributes;
using NetGearSharp.Bench;
using NetGearSharp.Codecs;

namespace NetGearSharp.Benchmarks;

/// <summary>
/// JPEG (TurboJPEG) encode and decode of fruits.jpg resized to 640x480, quality 90, 4:2:0 (the servers' default), fast DCT, through
/// the public codec (<see cref="JpegEncoder"/>, <see cref="JpegDecoder"/>) that servers and clients use.
/// </summary>
[MemoryDiagnoser]
public class JpegBenchmarks
{
    private Frame _frame = null!;
    private JpegEncoder _encoder = null!;
    private JpegDecoder _decoder = null!;
    private byte[] _jpeg = [];

    [GlobalSetup]
    public void Setup()
    {
        _frame = TestImage.Load(RepoPaths.FindMedia("fruits.jpg"), 640, 480, out var source);
        Console.WriteLine("// image: " + source);
        _encoder = new JpegEncoder(JpegOptions.Default);
        _decoder = new JpegDecoder { FastDct = true };
        _jpeg = _encoder.Encode(_frame).ToArray();
    }

    [Benchmark]
    public int Encode() => _encoder.Encode(_frame).Length;

    [Benchmark]
    public int Decode()
    {
        if (!_decoder.TryDecode(_jpeg, JpegColorSpace.Bgr, out var frame, out var error)) throw new InvalidOperationException(error);
        using (frame) return frame.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        _decoder.Dispose();
        _frame.Dispose();
    }
}
