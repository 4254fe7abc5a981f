using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGearSharp.Docs.Tests.Snippets;

/// <summary>Compiles wrapped snippets with Roslyn against the assemblies this test runs with (the built library and bridge).</summary>
public static class SnippetCompiler
{
    /// <summary>The implicit usings of an SDK console app (what a user's Program.cs gets).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Compiles each snippet on its own; returns the errors per snippet (empty when it compiles).</summary>
    public static IReadOnlyList<(Snippet Snippet, IReadOnlyList<string> Errors)> Compile(IReadOnlyList<Snippet> snippets)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToArray();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true);
        var implicitUsings = CSharpSyntaxTree.ParseText(ImplicitUsings, parse);
        var results = new List<(Snippet, IReadOnlyList<string>)>();
        for (var i = 0; i < snippets.Count; i++)
        {
            var tree = CSharpSyntaxTree.ParseText(SnippetWrapper.Wrap(snippets[i], i), parse, path: snippets[i].File);
            var compilation = CSharpCompilation.Create($"DocSnippet{i}", [implicitUsings, tree], references,
                options.WithMainTypeName($"DocSnippet{i}.Program"));
            using var output = new MemoryStream();
            var emitted = compilation.Emit(output);
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
            results.Add((snippets[i], errors));
        }
        return results;
    }
}
