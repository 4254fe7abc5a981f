using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGearSharp.Protocol;

/// <summary>
/// The JSON settings for messages. Defaults: <see cref="NetGearMessageJson.CreateOptions"/>. User options are copied
/// and get what interop with Python needs (tuples as arrays; NaN and infinities as strings, which is also how a Python
/// peer's bare words for them are read: <see cref="PythonFloatWords"/>).
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

    internal static void AddInterop(JsonSerializerOptions options)
    {
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        if (!options.Converters.Any(c => c is TupleJsonConverterFactory))
            options.Converters.Add(new TupleJsonConverterFactory());
    }
}
