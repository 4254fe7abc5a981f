namespace NetGearSharp.Docs.Tests.Snippets;

/// <summary>Reads every ```csharp block of README.md, docs/*.md and the packages' readmes.</summary>
public static class SnippetExtractor
{
    /// <summary>README.md, docs/*.md and the packages' readmes (src/*/PACKAGE.md, shown on the package pages).</summary>
    public static IReadOnlyList<string> Pages(string root)
        => new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(root, "src"), "PACKAGE.md", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
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
