namespace NetGearSharp.Protocol;

/// <summary>The header's <c>compression</c> object: <c>{"dct": true, "ups": false, "colorspace": "BGR"}</c> (names: <see cref="JpegColorSpaces"/>).</summary>
internal readonly record struct CompressionInfo(bool FastDct, bool FastUpsample, JpegColorSpace ColorSpace);
