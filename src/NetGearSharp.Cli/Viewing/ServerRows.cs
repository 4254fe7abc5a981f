using System.Globalization;

namespace NetGearSharp.Cli.Viewing;

/// <summary>Formats a server snapshot's cells, shared by the live table, plain lines and the text summary.</summary>
internal static class ServerRows
{
    /// <summary>The column titles.</summary>
    public static readonly string[] Headers = ["port", "state", "frames", "frames/s", "KB/s", "last message"];

    /// <summary>The cells of one server, in <see cref="Headers"/> order.</summary>
    public static string[] Cells(ServerInfo s) =>
    [
        s.Port.ToString(CultureInfo.InvariantCulture),
        StateName(s.State),
        s.Frames.ToString(CultureInfo.InvariantCulture),
        s.FramesPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
        (s.BytesPerSecond / 1024).ToString("0", CultureInfo.InvariantCulture),
        Shorten(s.LastMessage?.GetRawText() ?? "", 40),
    ];

    /// <summary>The state as the tool writes it (lowercase).</summary>
    public static string StateName(ServerState state) => state.ToString().ToLowerInvariant();

    /// <summary>One plain line for a server.</summary>
    public static string Line(ServerInfo s)
    {
        var c = Cells(s);
        return $"{c[0]} {c[1]} frames={c[2]} fps={c[3]} KB/s={c[4]}{(c[5].Length > 0 ? " message=" + c[5] : "")}";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
