using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGearSharp.Protocol;

/// <summary>The JSON settings for messages: tuples as arrays, NaN and infinities allowed, as Python's json module does.</summary>
internal static class MessageJson
{
    public static JsonSerializerOptions Default { get; } = Create(null);

    /// <summary>Copies the user's options (if any) and adds what interop with Python needs.</summary>
    public static JsonSerializerOptions Create(JsonSerializerOptions? user)
    {
        var options = user is null ? new JsonSerializerOptions() : new JsonSerializerOptions(user);
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        if (!options.Converters.Any(c => c is TupleJsonConverterFactory))
            options.Converters.Add(new TupleJsonConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
