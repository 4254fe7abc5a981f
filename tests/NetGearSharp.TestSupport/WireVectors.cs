using System.Text.Json;

namespace NetGearSharp.TestSupport;

/// <summary>The byte-exact VidGear messages recorded in shared/interop/vidgear-wire-vectors.json.</summary>
public static class WireVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Vectors)));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> All => Root.GetProperty("vectors").EnumerateArray();

    public static IEnumerable<JsonElement> ServerVectors => All.Where(v => v.GetProperty("producer").GetString() == "vidgear-server");

    public static JsonElement Named(string name) => All.Single(v => v.GetProperty("name").GetString() == name);

    public static IEnumerable<object[]> ServerVectorNames => ServerVectors.Select(v => new object[] { v.GetProperty("name").GetString()! });

    public static byte[][] Parts(JsonElement vector, int message)
        => vector.GetProperty("messages_on_wire")[message].EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToArray();

    public static bool IsJpeg(JsonElement vector) => vector.GetProperty("name").GetString()!.Contains("jpeg", StringComparison.Ordinal);
}
