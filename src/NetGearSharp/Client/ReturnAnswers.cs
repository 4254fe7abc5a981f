using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;
using NetGearSharp.Protocol;

namespace NetGearSharp.Client;

/// <summary>
/// The return data a client in bidirectional or multi-client mode answers each frame with: from the options'
/// per-port callback, else what the application set for that server, else what it set for all servers, else none
/// (VidGear's <c>NoneType</c>). Written by <see cref="ReturnWriter"/>; the answer goes to the server whose frame is
/// answered. Answers are written on the receive thread; the set data may be changed from any thread.
/// </summary>
internal sealed class ReturnAnswers
{
    private readonly Func<int, NetGearReturnData?>? _provider;
    private readonly ReturnWriter _writer;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, NetGearReturnData> _perPort = new();
    private readonly ILogger _logger;
    private volatile NetGearReturnData? _forAll;

    public ReturnAnswers(ClientSettings settings)
    {
        _provider = settings.ReturnData;
        _writer = new ReturnWriter(settings.MultiClient ? settings.Ports[0] : null);
        _logger = settings.Logger;
    }

    /// <summary>Sets the data returned to every server without data of its own (null: none).</summary>
    public void SetForAll(NetGearReturnData? data) => _forAll = data;

    /// <summary>Sets the data returned to the server of <paramref name="port"/> (null: back to the data for all).</summary>
    public void SetFor(int port, NetGearReturnData? data)
    {
        if (data is null) _perPort.TryRemove(port, out _);
        else _perPort[port] = data;
    }

    /// <summary>The answer for the server of <paramref name="port"/> (null when not known): its JSON, and a frame part when <paramref name="frame"/> is not empty.</summary>
    public ReadOnlySpan<byte> Write(int? port, out ReadOnlySpan<byte> frame, out bool hasFrame)
    {
        var data = Pick(port);
        hasFrame = data is { IsFrame: true };
        frame = hasFrame ? data!.Payload : default;
        return _writer.Write(data).Span;
    }

    private NetGearReturnData? Pick(int? port)
    {
        if (port is not null && _provider is not null)
        {
            try
            {
                if (_provider(port.Value) is { } given) return given;
            }
            catch (Exception ex) // the application's callback must not stop the receive thread
            {
                _logger.ReturnDataCallbackFailed(ex, port);
            }
        }
        if (port is not null && _perPort.TryGetValue(port.Value, out var own)) return own;
        return _forAll;
    }
}
