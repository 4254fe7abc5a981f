using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace NetGearSharp.TestSupport;

/// <summary>
/// A library's log events: its <c>[LoggerMessage]</c> methods, checked against each other and against the event table of
/// docs/logging.md (rows <c>| 1000 | `ClientListening` | Information | ... |</c>).
/// </summary>
public static partial class LogEvents
{
    /// <summary>One <c>[LoggerMessage]</c> method and its attribute.</summary>
    public sealed record Declared(MethodInfo Method, LoggerMessageAttribute Attribute)
    {
        public override string ToString() => $"{Method.DeclaringType!.Name}.{Method.Name} ({Attribute.EventId})";
    }

    /// <summary>One row of the docs' event table.</summary>
    public sealed record Documented(int Id, string Name, string Level, string Category);

    /// <summary>Every <c>[LoggerMessage]</c> method of <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<Declared> In(Assembly assembly)
        => assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new Declared(p.Method, p.Attribute!))
            .OrderBy(d => d.Attribute.EventId)
            .ToArray();

    /// <summary>The rows of the event table of docs/logging.md.</summary>
    public static IReadOnlyList<Documented> InDocs()
        => File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "logging.md"))
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .Select(m => new Documented(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value,
                m.Groups[3].Value.Trim(), m.Groups[4].Value.Trim()))
            .ToArray();

    /// <summary>
    /// What is wrong with <paramref name="assembly"/>'s events (empty: nothing): each has a non-zero id within
    /// [<paramref name="lowest"/>, <paramref name="highest"/>], unique in the assembly, with its class's ids in one
    /// thousand; a name, unique too; a row in docs/logging.md with its id, name and level (a level given at run time:
    /// the row names two levels, "Warning or Debug"); and the docs list no event of that range the assembly lacks.
    /// </summary>
    public static IReadOnlyList<string> Problems(Assembly assembly, int lowest, int highest)
    {
        var declared = In(assembly);
        var problems = new List<string>();
        if (declared.Count == 0) problems.Add($"{assembly.GetName().Name} has no [LoggerMessage] method");
        foreach (var d in declared)
        {
            if (d.Attribute.EventId == 0) problems.Add($"{d}: event id 0");
            if (d.Attribute.EventId < lowest || d.Attribute.EventId > highest) problems.Add($"{d}: event id outside {lowest}-{highest}");
            if (string.IsNullOrWhiteSpace(d.Attribute.EventName)) problems.Add($"{d}: no EventName");
        }
        problems.AddRange(declared.GroupBy(d => d.Attribute.EventId).Where(g => g.Count() > 1).Select(g => $"event id {g.Key} used by {string.Join(", ", g)}"));
        problems.AddRange(declared.GroupBy(d => d.Attribute.EventName).Where(g => g.Count() > 1).Select(g => $"event name {g.Key} used by {string.Join(", ", g)}"));
        problems.AddRange(declared.GroupBy(d => d.Method.DeclaringType!)
            .Where(g => g.Select(d => d.Attribute.EventId / 1000).Distinct().Count() > 1)
            .Select(g => $"{g.Key.Name}'s event ids are not in one thousand: {string.Join(", ", g.Select(d => d.Attribute.EventId))}"));

        var rows = InDocs().Where(r => r.Id >= lowest && r.Id <= highest).ToList();
        problems.AddRange(rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"docs/logging.md lists event id {g.Key} {g.Count()} times"));
        foreach (var d in declared)
        {
            var row = rows.FirstOrDefault(r => r.Id == d.Attribute.EventId);
            if (row is null)
            {
                problems.Add($"{d}: not in the table of docs/logging.md");
                continue;
            }
            if (row.Name != d.Attribute.EventName) problems.Add($"{d}: docs/logging.md names it {row.Name}, not {d.Attribute.EventName}");
            var level = d.Attribute.Level == LogLevel.None ? null : d.Attribute.Level.ToString();
            if (level is not null ? row.Level != level : !row.Level.Contains(" or ", StringComparison.Ordinal))
                problems.Add($"{d}: docs/logging.md gives its level as '{row.Level}', not {level ?? "the two levels it is logged at"}");
            if (string.IsNullOrWhiteSpace(row.Category)) problems.Add($"{d}: docs/logging.md gives no category");
        }
        problems.AddRange(rows.Where(r => declared.All(d => d.Attribute.EventId != r.Id))
            .Select(r => $"docs/logging.md lists event {r.Id} {r.Name}, which {assembly.GetName().Name} does not log"));
        return problems;
    }

    /// <summary>A row of the event table: id, name (in backquotes), level, category, then the rest.</summary>
    [GeneratedRegex(@"^\|\s*(\d+)\s*\|\s*`(\w+)`\s*\|([^|]+)\|([^|]+)\|")]
    private static partial Regex TableRow();
}
