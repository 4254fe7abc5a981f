using System.Text.Json;
using NetGearSharp.AspNetCore.Live;

namespace NetGearSharp.AspNetCore.Endpoints;

/// <summary>
/// The servers as JSON: each server has the fields of <c>netgear view --summary json</c> (port, state, frames, bytes,
/// lastMessage, malformed) and what the page shows besides (framesPerSecond, bytesPerSecond, connections, lastSeen,
/// image: the newest picture's number, 0 before the first; noPicture: why there is none although frames arrive, e.g.
/// <c>float32 [4]: not an image</c>, or null), and the view's instance id (picture numbers restart at 1 in a new instance).
/// </summary>
internal static class ServersJson
{
    public static byte[] Write(NetGearLiveView view)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var statistics = view.Statistics;
            json.WriteStartObject();
            json.WriteStartArray("servers");
            foreach (var s in view.Servers) WriteServer(json, s, view.Slot(s.Port));
            json.WriteEndArray();
            json.WriteNumber("totalFrames", statistics.TotalFrames);
            json.WriteNumber("filteredOut", statistics.FilteredOut);
            json.WriteString("instance", view.Instance);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static byte[] WriteOne(NetGearLiveView view, ServerInfo server)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) WriteServer(json, server, view.Slot(server.Port));
        return buffer.ToArray();
    }

    private static void WriteServer(Utf8JsonWriter json, ServerInfo s, FrameSlot? slot)
    {
        var newest = slot?.Newest;
        json.WriteStartObject();
        json.WriteNumber("port", s.Port);
        json.WriteString("state", StateName(s.State));
        json.WriteNumber("frames", s.Frames);
        json.WriteNumber("bytes", s.Bytes);
        json.WritePropertyName("lastMessage");
        if (s.LastMessage is { } message) json.WriteRawValue(NetGearMessageJson.ToJsonBytes(message), skipInputValidation: true);
        else json.WriteNullValue();
        json.WriteNumber("malformed", s.Malformed);
        json.WriteNumber("framesPerSecond", Math.Round(s.FramesPerSecond, 2));
        json.WriteNumber("bytesPerSecond", Math.Round(s.BytesPerSecond));
        json.WriteNumber("connections", s.Connections);
        if (s.LastSeen is { } seen) json.WriteString("lastSeen", seen);
        else json.WriteNull("lastSeen");
        json.WriteNumber("image", newest?.Version ?? 0);
        if (slot?.NoPicture is { } why) json.WriteString("noPicture", why);
        else json.WriteNull("noPicture");
        json.WriteEndObject();
    }

    /// <summary>The state as the tool writes it (lowercase).</summary>
    public static string StateName(ServerState state) => state.ToString().ToLowerInvariant();
}
