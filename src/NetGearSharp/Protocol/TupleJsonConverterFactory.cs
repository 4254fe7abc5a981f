using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGearSharp.Protocol;

/// <summary>Writes .NET tuples as JSON arrays (as Python writes its tuples) and reads arrays back into tuples.</summary>
internal sealed class TupleJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        if (!typeToConvert.IsGenericType || !typeof(ITuple).IsAssignableFrom(typeToConvert)) return false;
        var ns = typeToConvert.Namespace;
        var name = typeToConvert.Name;
        return ns == "System" && (name.StartsWith("ValueTuple`", StringComparison.Ordinal) || name.StartsWith("Tuple`", StringComparison.Ordinal));
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(TupleConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class TupleConverter<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException($"Expected a JSON array for {typeToConvert.Name}.");
            var types = typeToConvert.GetGenericArguments();
            var values = new object?[types.Length];
            for (var i = 0; i < types.Length; i++)
            {
                if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                    throw new JsonException($"The array has {i} items; {typeToConvert.Name} needs {types.Length}.");
                values[i] = JsonSerializer.Deserialize(ref reader, types[i], options);
            }
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                throw new JsonException($"The array has more than {types.Length} items for {typeToConvert.Name}.");
            return (T)Activator.CreateInstance(typeToConvert, values)!;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var tuple = (ITuple)value!;
            writer.WriteStartArray();
            for (var i = 0; i < tuple.Length; i++)
            {
                var item = tuple[i];
                JsonSerializer.Serialize(writer, item, item?.GetType() ?? typeof(object), options);
            }
            writer.WriteEndArray();
        }
    }
}
