using NetGearSharp.Docs.Tests.Support;

namespace NetGearSharp.Docs.Tests.Snippets;

/// <summary>Every C# snippet of README.md and docs/*.md compiles against the built library and OpenCV bridge.</summary>
public sealed class DocsSnippetTests
{
    [Fact]
    public void EveryPageIsRead()
    {
        var snippets = SnippetExtractor.From(RepoPaths.Root);
        Assert.Contains(snippets, s => s.File == "README.md");
        Assert.Contains(snippets, s => s.File == Path.Combine("docs", "getting-started.md"));
        Assert.Contains(snippets, s => s.File == Path.Combine("docs", "opencv.md"));
        Assert.Contains(snippets, s => s.File == Path.Combine("src", "NetGearSharp", "PACKAGE.md"));
    }

    [Fact]
    public void EverySnippetCompiles()
    {
        var results = SnippetCompiler.Compile(SnippetExtractor.From(RepoPaths.Root));
        var failures = results.Where(r => r.Errors.Count > 0).ToArray();
        Assert.True(failures.Length == 0,
            $"{failures.Length} of {results.Count} snippets do not compile:\n" +
            string.Join("\n\n", failures.Select(f => $"{f.Snippet} ({f.Snippet.Code.Split('\n').Length} lines):\n  " + string.Join("\n  ", f.Errors))));
    }

    [Fact]
    public void TheCompilerCatchesAnUndefinedName()
    {
        // The check itself: an undefined variable (the README's old `frame`) is an error.
        var bad = new Snippet("test.md", 1, "using NetGearSharp;\nusing var server = new NetGearServer(new NetGearServerOptions { Port = 5566 });\nserver.Send(frame);");
        var result = SnippetCompiler.Compile([bad]).Single();
        Assert.Contains(result.Errors, e => e.Contains("CS0103", StringComparison.Ordinal) && e.Contains("frame", StringComparison.Ordinal));
    }
}
