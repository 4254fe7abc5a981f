using System.Text.Json;
using System.Text.Json.Serialization;
using NetGearSharp.Protocol;

namespace NetGearSharp;

/// <summary>
/// How messages become JSON and back by default: the naming Python users write, and typed reads that fail loudly.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Written in camelCase (<c>record Reading(double Temperature)</c> goes out as <c>{"temperature":…}</c>);
/// dictionary keys are written as given.</item>
/// <item>Read case-insensitively (<c>temperature</c>, <c>Temperature</c> and <c>TEMPERATURE</c> all fill <c>Temperature</c>);
/// numbers may come as strings (<see cref="JsonSerializerDefaults.Web"/>).</item>
/// <item>A mismatch is a <see cref="JsonException"/>: a constructor parameter or <c>required</c> member missing from
/// the JSON (<see cref="JsonSerializerOptions.RespectRequiredConstructorParameters"/>), or a JSON member the type
/// does not have (<see cref="JsonUnmappedMemberHandling.Disallow"/>). Give a parameter a default value to make it
/// optional; add <c>[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]</c> to a type (or use your own
/// options) to ignore extra members.</item>
/// <item>Tuples are written as arrays and read back from arrays (Python's tuples). <c>NaN</c> and the infinities are
/// written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> and read back from them; the bare
/// words Python's <c>json</c> module writes for them (not JSON) are read as those strings.</item>
/// </list>
/// To change any of this, start from <see cref="CreateOptions"/>, change it, and pass it as
/// <c>MessageSerializerOptions</c> of the client or server options.
/// </remarks>
public static class NetGearMessageJson
{
    /// <summary>
    /// The deepest nesting of arrays and objects a message may have to be read (1,000, as Python's <c>json</c> reads
    /// within its default recursion limit, and as deep as <see cref="Utf8JsonWriter"/> writes). A deeper message's
    /// frame is dropped as malformed (<c>InvalidJson</c>). Typed reads follow your serializer options' own
    /// <see cref="JsonSerializerOptions.MaxDepth"/> (64 unless set).
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>How messages are parsed into <see cref="JsonDocument"/>s: up to <see cref="MaxDepth"/> deep.</summary>
    public static JsonDocumentOptions DocumentOptions => new() { MaxDepth = MaxDepth };

    /// <summary>A new, changeable copy of the default message options (see the remarks of <see cref="NetGearMessageJson"/>).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        MessageJson.AddInterop(options);
        return options;
    }

    /// <summary>
    /// A received message (or any JSON value) as compact UTF-8 JSON, to log it or pass it on. Unlike
    /// <see cref="JsonElement.WriteTo(Utf8JsonWriter)"/> it also takes a string with a lone surrogate escape
    /// (<c>"\udce9"</c>: what Python's <c>json</c> writes for text made from bytes that are not UTF-8, such as a file
    /// name), which it gives as it came.
    /// </summary>
    /// <param name="message">The value, e.g. <c>packet.Message</c>.</param>
    /// <returns>The value's JSON text in UTF-8.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="message"/> is <c>default</c> (no value).</exception>
    public static byte[] ToJsonBytes(JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Undefined) throw new InvalidOperationException("The JSON element holds no value (default).");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer)) message.WriteTo(writer);
            return buffer.WrittenSpan.ToArray();
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-16 once unescaped: its text as it came is still valid JSON.
            return System.Text.Encoding.UTF8.GetBytes(message.GetRawText());
        }
    }
}
