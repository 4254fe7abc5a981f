using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NetGearSharp.Protocol;

/// <summary>
/// Writes a message whose JSON is one flat object of numbers, booleans and strings (an anonymous type or a small class:
/// the usual per-frame message, such as <c>new { t, n }</c>) property by property, with getters bound once per type. The
/// bytes are those <see cref="JsonSerializer"/> writes with the same options. The serializer's general path cost a
/// server about 20 µs a frame when its caches were cold (32 server processes sharing 2 cores); this one about half.
/// <see cref="TryCreate"/> leaves everything else to the serializer: nested values, converters, ignore conditions,
/// number handling, callbacks, polymorphism, reference handling, fields.
/// </summary>
internal sealed class FlatMessageWriter
{
    private readonly FlatProperty[] _properties;

    private FlatMessageWriter(FlatProperty[] properties) => _properties = properties;

    /// <summary>Writes <paramref name="message"/>, an instance of exactly the type this writer was made for.</summary>
    public void Write(Utf8JsonWriter writer, object message)
    {
        writer.WriteStartObject();
        foreach (var property in _properties) property.Write(writer, message);
        writer.WriteEndObject();
    }

    /// <summary>A writer for instances of <paramref name="type"/> (exactly that type), or null when the serializer must write them.</summary>
    /// <param name="type">The message's runtime type.</param>
    /// <param name="options">The prepared (read-only) message options the serializer would use.</param>
    public static FlatMessageWriter? TryCreate(Type type, JsonSerializerOptions options)
    {
        if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters || !SimpleOptions(options)) return null;
        JsonTypeInfo info;
        try
        {
            info = options.GetTypeInfo(type);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null; // the serializer reports it when it writes the message
        }
        if (info.Kind != JsonTypeInfoKind.Object || info.PolymorphismOptions is not null || info.NumberHandling is not null
            || info.OnSerializing is not null || info.OnSerialized is not null || !IsObjectConverter(info.Converter.GetType())
            || HasConverter(options, type))
            return null;
        var namedFloats = (options.NumberHandling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0;
        var pythonFloats = WritesPythonFloats(options);
        var properties = new FlatProperty[info.Properties.Count];
        for (var i = 0; i < properties.Length; i++)
        {
            var property = info.Properties[i];
            if (property.Get is null || property.ShouldSerialize is not null || property.CustomConverter is not null
                || property.IsExtensionData || property.NumberHandling is not null || property.Order != 0
                || property.AttributeProvider is not PropertyInfo member || member.GetMethod is not { IsStatic: false } getter
                || member.GetIndexParameters().Length > 0 || member.PropertyType != property.PropertyType
                || member.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) || HasConverter(options, property.PropertyType))
                return null;
            var name = JsonEncodedText.Encode(property.Name, options.Encoder);
            if (FlatProperty.For(type, getter, name, namedFloats, pythonFloats) is not { } flat) return null;
            properties[i] = flat;
        }
        return new FlatMessageWriter(properties);
    }

    /// <summary>Options under which an object's properties are written as they are, every one of them, in order.</summary>
    private static bool SimpleOptions(JsonSerializerOptions options) =>
        options.ReferenceHandler is null
        && options.DefaultIgnoreCondition == JsonIgnoreCondition.Never
        && !options.IgnoreReadOnlyProperties
        && (options.NumberHandling & JsonNumberHandling.WriteAsString) == 0;

    /// <summary>
    /// Whether one of the options' converters takes over <paramref name="type"/>; the library's Python floats do not
    /// count (<see cref="TypedFlatProperty{TOwner, TValue}"/> writes the same bytes).
    /// </summary>
    private static bool HasConverter(JsonSerializerOptions options, Type type)
    {
        foreach (var converter in options.Converters)
            if (!IsPythonFloat(converter) && converter.CanConvert(type)) return true;
        return false;
    }

    /// <summary>Whether the options write floats as Python does (<see cref="MessageJson.Writing"/>).</summary>
    private static bool WritesPythonFloats(JsonSerializerOptions options)
    {
        foreach (var converter in options.Converters)
            if (IsPythonFloat(converter)) return true;
        return false;
    }

    private static bool IsPythonFloat(JsonConverter converter)
        => converter is PythonFloatConverter<double> or PythonFloatConverter<float> or PythonFloatConverter<Half>;

    /// <summary>Whether the serializer writes the type with its own object converter (property by property).</summary>
    private static bool IsObjectConverter(Type converter)
    {
        for (var t = converter; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.Assembly == typeof(JsonSerializer).Assembly && t.GetGenericTypeDefinition().Name == "ObjectDefaultConverter`1")
                return true;
        return false;
    }
}
