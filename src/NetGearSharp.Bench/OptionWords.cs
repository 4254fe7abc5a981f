namespace NetGearSharp.Bench;

/// <summary>
/// The words netgear's options and the bench's arguments take for a pattern, a transport, a chroma subsampling and a
/// secure mode: one table each, so that the tool, its bench and the bench's child servers read the same words. A word
/// that is not known reads as null; each caller refuses it in its own kind of error, naming the allowed words.
/// </summary>
internal static class OptionWords
{
    /// <summary><c>reqrep</c> (or 1) and <c>pubsub</c> (or 2); null for any other word.</summary>
    public static NetGearPattern? Pattern(string text) => text.Trim().ToLowerInvariant() switch
    {
        "reqrep" or "1" => NetGearPattern.ReqRep,
        "pubsub" or "2" => NetGearPattern.PubSub,
        _ => null,
    };

    /// <summary>The word for a pattern of many servers (<c>reqrep</c>, <c>pubsub</c>).</summary>
    public static string NameOf(NetGearPattern pattern) => pattern == NetGearPattern.PubSub ? "pubsub" : "reqrep";

    /// <summary><c>auto</c>, <c>netmq</c> or <c>native</c>; null for any other word.</summary>
    public static TransportKind? Transport(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => TransportKind.Auto,
        "netmq" => TransportKind.NetMq,
        "native" => TransportKind.Native,
        _ => null,
    };

    /// <summary>The word for a transport (<c>auto</c>, <c>netmq</c>, <c>native</c>).</summary>
    public static string NameOf(TransportKind transport) => transport.ToString().ToLowerInvariant();

    /// <summary><c>420</c>, <c>422</c> or <c>444</c> (colons allowed: <c>4:2:2</c>); null for anything else.</summary>
    public static JpegSubsampling? Subsampling(string text) => text.Replace(":", "", StringComparison.Ordinal).Trim() switch
    {
        "420" => JpegSubsampling.Chroma420,
        "422" => JpegSubsampling.Chroma422,
        "444" => JpegSubsampling.Chroma444,
        _ => null,
    };

    /// <summary>The word for a subsampling (<c>420</c>, <c>422</c>, <c>444</c>).</summary>
    public static string NameOf(JpegSubsampling subsampling) => subsampling switch
    {
        JpegSubsampling.Chroma422 => "422",
        JpegSubsampling.Chroma444 => "444",
        _ => "420",
    };

    /// <summary><c>none</c> (or <c>grasslands</c>, 0), <c>stonehouse</c> (or 1), <c>ironhouse</c> (or 2); null for any other word.</summary>
    public static SecureMode? Secure(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" or "grasslands" or "0" => SecureMode.Grasslands,
        "stonehouse" or "1" => SecureMode.StoneHouse,
        "ironhouse" or "2" => SecureMode.IronHouse,
        _ => null,
    };
}
