using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetGearSharp.Interop.Tests.Support;

/// <summary>Messages of every JSON type, the falsy ones of Python included; frame n carries <c>All[n % All.Count]</c>.</summary>
public static class JsonMessages
{
    public static IReadOnlyList<string> All { get; } =
    [
        "null", "0", "1", "-2.5", "1e300", "\"\"", "\"text \u00fc \u2713 \\\"q\\\"\"", "true", "false", "[]",
        "[1, \"a\", null, true, [2]]", "{}", "{\"n\": 1, \"nested\": {\"a\": [1, 2, {\"b\": null}], \"s\": \"x\"}}",
    ];

    /// <summary>The message of frame <paramref name="n"/> as a JSON array of every message (for the Python scripts).</summary>
    public static string AsJsonArray => "[" + string.Join(", ", All) + "]";

    /// <summary>The message of frame <paramref name="n"/>, as a value our server serialises to exactly that JSON.</summary>
    public static JsonElement? For(int n) => All[n % All.Count] == "null" ? null : JsonDocument.Parse(All[n % All.Count]).RootElement.Clone();

    public static JsonNode? Node(int n) => JsonNode.Parse(All[n % All.Count]);

    /// <summary>Whether Python finds the value true (VidGear's client hands a message over only then).</summary>
    public static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False => false,
            JsonValueKind.True => true,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => false,
        },
        _ => true,
    };

    /// <summary>JSON equality (numbers by value, objects by members).</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
