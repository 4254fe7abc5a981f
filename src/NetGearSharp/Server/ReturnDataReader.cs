using NetGearSharp.Codecs;
using NetGearSharp.Logging;
using NetGearSharp.Protocol;

namespace NetGearSharp.Server;

/// <summary>
/// Turns the parts of a client's answer in bidirectional or multi-client mode into a <see cref="NetGearReply"/>: the
/// JSON (<see cref="ReturnReader"/>) and, for a returned frame, the frame part (raw, checked against its declared
/// shape, or JPEG). A bad answer is logged and gives null, never an exception. Used under the server's send lock.
/// </summary>
internal sealed class ReturnDataReader : IDisposable
{
    /// <summary>The largest returned frame accepted (8K RGB), checked before anything is allocated.</summary>
    private const long MaxFrameBytes = 7680L * 4320 * 3;

    private readonly ServerSettings _settings;
    private readonly PayloadDecoder _decoder;

    public ReturnDataReader(ServerSettings settings)
    {
        _settings = settings;
        // The server's own JPEG settings (VidGear's defaults when JPEG is off: fast DCT on, fast upsampling off), ORed
        // with the returned frame's header flags by the decoder, as VidGear's server does.
        _decoder = new PayloadDecoder(MaxFrameBytes, settings.Jpeg.FastDct, settings.Jpeg.FastUpsample);
    }

    public NetGearReply? Read(IReadOnlyList<byte[]> parts)
    {
        ReturnHeader? header = null;
        var reason = "an empty answer";
        if (parts.Count == 0 || !ReturnReader.TryParse(parts[0], out header, out reason))
        {
            // Return data this server cannot read (an unsupported array type, say) is not a client in another mode.
            if (parts.Count > 0 && ReturnReader.IsReturnData(parts[0]))
                _settings.Logger.ReturnDataUnreadable(_settings.Endpoint, reason);
            else
                _settings.Logger.ReturnDataMissing(_settings.Endpoint, reason);
            return null;
        }
        if (!header!.IsFrame)
        {
            if (parts.Count > 1)
                _settings.Logger.ReturnDataExtraParts(_settings.Endpoint, parts.Count, header.ReturnType);
            return new NetGearReply(header.Port, header.ReturnType, header.DataJson, null, _settings.Json);
        }
        if (parts.Count != 2)
        {
            _settings.Logger.ReturnArrayParts(_settings.Endpoint, parts.Count);
            return null;
        }
        var frameHeader = new FrameHeader { Compression = header.Compression, ElementType = header.ElementType, Shape = header.Shape };
        Frame? frame;
        HeaderParseResult result;
        try
        {
            frame = _decoder.Decode(frameHeader, parts[1], out result);
        }
        catch (JpegUnavailableException ex)
        {
            _settings.Logger.ReturnJpegUnavailable(_settings.Endpoint, ex.Message);
            return null;
        }
        if (frame is null)
        {
            _settings.Logger.ReturnFrameMalformed(_settings.Endpoint, result.Reason);
            return null;
        }
        return new NetGearReply(header.Port, header.ReturnType, null, frame, _settings.Json);
    }

    public void Dispose() => _decoder.Dispose();
}
