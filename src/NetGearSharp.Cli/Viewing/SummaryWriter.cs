using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace NetGearSharp.Cli.Viewing;

/// <summary>The report at the end of <c>view</c> and <c>demo</c>.</summary>
internal static class SummaryWriter
{
    /// <summary>
    /// Writes exactly one JSON object and a newline:
    /// <c>{"servers":[{"port":"5566","state":"terminated","frames":50,"bytes":…,"lastMessage":…,"malformed":0}],"totalFrames":50,"filteredOut":0}</c>,
    /// and what <paramref name="more"/> writes into it last (e.g. the NATS counts: <see cref="NatsSummaryJson"/>).
    /// </summary>
    public static void WriteJson(Stream output, IReadOnlyList<ServerInfo> servers, ClientStatistics statistics, Action<Utf8JsonWriter>? more = null)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteStartArray("servers");
            foreach (var s in servers)
            {
                json.WriteStartObject();
                json.WriteNumber("port", s.Port);
                json.WriteString("state", ServerRows.StateName(s.State));
                json.WriteNumber("frames", s.Frames);
                json.WriteNumber("bytes", s.Bytes);
                json.WritePropertyName("lastMessage");
                if (s.LastMessage is { } message) json.WriteRawValue(NetGearMessageJson.ToJsonBytes(message), skipInputValidation: true);
                else json.WriteNullValue();
                json.WriteNumber("malformed", s.Malformed);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("totalFrames", statistics.TotalFrames);
            json.WriteNumber("filteredOut", statistics.FilteredOut);
            more?.Invoke(json);
            json.WriteEndObject();
        }
        output.Write("\n"u8);
        output.Flush();
    }

    /// <summary>Writes the summary for people: a table on a terminal, plain lines otherwise.</summary>
    public static void WriteText(TextWriter output, bool terminal, IReadOnlyList<ServerInfo> servers, ClientStatistics statistics, string ending)
    {
        var total = string.Create(CultureInfo.InvariantCulture,
            $"total: {statistics.TotalFrames} frames, {statistics.FilteredOut} filtered out, {statistics.Malformed} malformed; {ending}");
        if (terminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            var table = new Table().Title("summary");
            foreach (var header in new[] { "port", "state", "frames", "bytes", "malformed", "last message" }) table.AddColumn(header);
            foreach (var s in servers)
            {
                table.AddRow(s.Port.ToString(CultureInfo.InvariantCulture), ServerRows.StateName(s.State), s.Frames.ToString(CultureInfo.InvariantCulture),
                    s.Bytes.ToString(CultureInfo.InvariantCulture), s.Malformed.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(s.LastMessage?.GetRawText() ?? ""));
            }
            console.Write(table);
            console.WriteLine(total);
            return;
        }
        foreach (var s in servers)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Port} {ServerRows.StateName(s.State)} frames={s.Frames} bytes={s.Bytes} malformed={s.Malformed} lastMessage={s.LastMessage?.GetRawText() ?? "null"}"));
        }
        output.WriteLine(total);
    }
}
