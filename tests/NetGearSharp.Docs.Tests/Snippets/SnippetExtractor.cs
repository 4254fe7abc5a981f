namespace NetGearSharp.Docs.Tests.Snippets;

/// <summary>Reads every ```csharp block of README.md and docs/*.md.</summary>
public static class SnippetExtractor
{
    public static IReadOnlyList<string> Pages(string root)
        => new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .ToArray();

    public static IReadOnlyList<Snippet> From(string root)
    {
        var list = new List<Snippet>();
        foreach (var page in Pages(root))
        {
            var lines = File.ReadAllLines(page);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp") continue;
                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```") end++;
                list.Add(new Snippet(Path.GetRelativePath(root, page), start + 1, string.Join('\n', lines[start..end])));
                i = end;
            }
        }
        return list;
    }
}
