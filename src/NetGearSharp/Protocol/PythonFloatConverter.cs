using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGearSharp.Protocol;

/// <summary>
/// Writes <typeparamref name="T"/> (double, float, Half) as a Python float (<see cref="PythonFloats"/>): only in the
/// options messages and return data are written with (<see cref="MessageJson.Writing"/>). Reads as the serializer's own
/// converter does, which reading options use directly.
/// </summary>
internal sealed class PythonFloatConverter<T> : JsonConverter<T>
    where T : struct, IFloatingPointIeee754<T>, IUtf8SpanFormattable
{
    private static readonly JsonConverter<T> BuiltIn = (JsonConverter<T>)JsonSerializerOptions.Default.GetConverter(typeof(T));

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => BuiltIn.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => BuiltIn.ReadAsPropertyName(ref reader, typeToConvert, options);

    /// <summary>Dictionary keys are strings on the wire (Python's too): written as the serializer writes them.</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => BuiltIn.WriteAsPropertyName(writer, value, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => PythonFloats.Write(writer, value, (options.NumberHandling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0);
}
