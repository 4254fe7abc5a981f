using System.Globalization;
using System.Text.Json.Nodes;

namespace NetGearSharp.Interop.Tests.Support;

/// <summary>
/// The one place ports are compared: the public API's port type may change (string to int), VidGear hands strings.
/// </summary>
public static class PortIds
{
    /// <summary>The port in the form every check compares.</summary>
    public static int Of(object port) => port switch
    {
        int i => i,
        string s => int.Parse(s, CultureInfo.InvariantCulture),
        JsonNode n => n.GetValueKind() == System.Text.Json.JsonValueKind.String ? Of(n.GetValue<string>()) : n.GetValue<int>(),
        _ => Convert.ToInt32(port, CultureInfo.InvariantCulture),
    };

    /// <summary>Whether two ports, in whatever form, are the same.</summary>
    public static bool Same(object a, object b) => Of(a) == Of(b);
}
