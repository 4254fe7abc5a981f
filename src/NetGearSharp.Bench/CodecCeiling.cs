using System.Diagnostics;
using NetGearSharp.Codecs;

namespace NetGearSharp.Bench;

/// <summary>
/// The JPEG rows' own ceiling on this machine right now: every JPEG frame costs one encode (in a server) and one
/// decode (in the client), so the machine cannot move more than <c>cores / (encode + decode)</c> JPEG frames per
/// second, whatever the transport. Measured single-threaded on the benchmark's own frame, with the servers' and the
/// client's settings (quality 90, 4:2:0, fast DCT: the defaults), so JPEG rows can be read against it the way raw rows are read
/// against the bare-transport baseline.
/// </summary>
/// <param name="EncodeMs">Mean milliseconds per encode.</param>
/// <param name="DecodeMs">Mean milliseconds per decode.</param>
/// <param name="Cores">Processors available to this process.</param>
internal sealed record CodecCeiling(double EncodeMs, double DecodeMs, int Cores)
{
    /// <summary>Frames per second at which encoding and decoding alone would use every core.</summary>
    public double Fps => Cores * 1000 / (EncodeMs + DecodeMs);

    /// <summary>Times encode and decode for about <paramref name="each"/> each; null when libturbojpeg is missing.</summary>
    /// <param name="width">Frame width (the benchmark's).</param>
    /// <param name="height">Frame height.</param>
    /// <param name="each">How long to time each operation.</param>
    public static CodecCeiling? Measure(int width, int height, TimeSpan each)
    {
        try
        {
            using var frame = TestImage.Load(RepoPaths.FindMedia("fruits.jpg"), width, height, out _);
            using var encoder = new JpegEncoder(JpegOptions.Default);
            using var decoder = new JpegDecoder { FastDct = true };
            var jpeg = encoder.Encode(frame).ToArray();
            double Time(Action once)
            {
                for (var i = 0; i < 10; i++) once(); // warm-up
                var clock = Stopwatch.StartNew();
                var count = 0;
                while (clock.Elapsed < each || count < 10)
                {
                    once();
                    count++;
                }
                return clock.Elapsed.TotalMilliseconds / count;
            }
            var encodeMs = Time(() => encoder.Encode(frame));
            var decodeMs = Time(() =>
            {
                if (decoder.TryDecode(jpeg, JpegColorSpace.Bgr, out var decoded, out _)) decoded.Dispose();
            });
            return new CodecCeiling(encodeMs, decodeMs, Environment.ProcessorCount);
        }
        catch (JpegUnavailableException)
        {
            return null;
        }
    }
}
