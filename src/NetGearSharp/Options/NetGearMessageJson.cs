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
}
