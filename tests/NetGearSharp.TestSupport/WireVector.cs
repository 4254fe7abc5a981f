using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetGearSharp.TestSupport;

/// <summary>The recorded VidGear frame messages (header JSON + payload) from shared/interop/vidgear-wire-vectors.json.</summary>
public sealed record WireVector(string Name, JsonObject Header, byte[] Payload, bool Jpeg)
{
    public static IReadOnlyList<WireVector> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<WireVector>();
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            if (!v.TryGetProperty("messages_on_wire", out var wire)) continue;
            foreach (var message in wire.EnumerateArray())
            {
                if (message.GetArrayLength() != 2) continue;
                var header = (JsonObject)JsonNode.Parse(Convert.FromBase64String(message[0].GetString()!))!;
                var payload = Convert.FromBase64String(message[1].GetString()!);
                list.Add(new WireVector(v.GetProperty("name").GetString()!, header, payload, header["compression"] is JsonObject));
            }
        }
        if (list.Count == 0) throw new InvalidDataException($"no frame messages in {path}");
        return list;
    }
}
