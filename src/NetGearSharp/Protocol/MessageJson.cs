using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NetGearSharp.Protocol;

/// <summary>
/// The JSON settings for messages. Defaults: <see cref="NetGearMessageJson.CreateOptions"/>. User options are copied
/// and get what interop with Python needs (tuples as arrays; NaN and infinities as strings, which is also how a Python
/// peer's bare words for them are read: <see cref="PythonFloatWords"/>); what is written with them goes through
/// <see cref="Writing"/> (whole floats as <c>3.0</c>).
/// </summary>
internal static class MessageJson
{
    public static JsonSerializerOptions Default { get; } = Create(null);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Prepared = new();

    /// <summary>
    /// Like <see cref="Create"/>, but prepares each user options instance once (kept while the user's instance lives),
    /// so callers that pass the same instance per packet do not rebuild the serializer's metadata per packet.
    /// </summary>
    public static JsonSerializerOptions For(JsonSerializerOptions? user)
        => user is null ? Default : Prepared.GetValue(user, static u => Create(u));

    /// <summary>Copies the user's options (or the defaults) and adds what interop with Python needs; read-only.</summary>
    public static JsonSerializerOptions Create(JsonSerializerOptions? user)
    {
        var options = user is null ? NetGearMessageJson.CreateOptions() : new JsonSerializerOptions(user);
        AddInterop(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> WritingCopies = new();

    /// <summary>
    /// The options to write messages and return data with: <paramref name="prepared"/> (from <see cref="Create"/> or
    /// <see cref="For"/>) plus floats written as Python writes them (<see cref="PythonFloats"/>: <c>3.0</c>, not <c>3</c>,
    /// which a Python peer reads as an int). Made once per prepared instance. Reading uses <paramref name="prepared"/>
    /// itself. Options that write numbers as strings are returned as they are (a Python peer gets strings either way),
    /// as are a user's own converters for these types, which come first.
    /// </summary>
    public static JsonSerializerOptions Writing(JsonSerializerOptions prepared)
        => WritingCopies.GetValue(prepared, static p => CreateWriting(p));

    private static JsonSerializerOptions CreateWriting(JsonSerializerOptions prepared)
    {
        if ((prepared.NumberHandling & JsonNumberHandling.WriteAsString) != 0) return prepared;
        var options = new JsonSerializerOptions(prepared);
        options.Converters.Add(new PythonFloatConverter<double>());
        options.Converters.Add(new PythonFloatConverter<float>());
        options.Converters.Add(new PythonFloatConverter<Half>());
        // A property or type that asks for its own number handling ([JsonNumberHandling]) keeps the serializer's
        // converter, which honours it (a custom converter would not).
        options.TypeInfoResolver = options.TypeInfoResolver!.WithAddedModifier(KeepNumberHandling);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Gives floating-point properties with their own number handling the serializer's converter back.</summary>
    private static void KeepNumberHandling(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if ((property.NumberHandling ?? info.NumberHandling) is null || property.CustomConverter is not null) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(double) || type == typeof(float) || type == typeof(Half))
                property.CustomConverter = JsonSerializerOptions.Default.GetConverter(property.PropertyType);
        }
    }

    internal static void AddInterop(JsonSerializerOptions options)
    {
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        if (!options.Converters.Any(c => c is TupleJsonConverterFactory))
            options.Converters.Add(new TupleJsonConverterFactory());
    }
}
