using System.Text;
using System.Text.RegularExpressions;

namespace NetGearSharp.Docs.Tests.Snippets;

/// <summary>
/// Turns a snippet into a compilation unit as a user's program would hold it: its <c>using</c> directives at the top,
/// its statements in an async method (as top-level statements are), its type declarations (a snippet's trailing
/// <c>record</c> or <c>class</c> at column 0) beside that method. Each snippet gets its own namespace.
/// </summary>
public static partial class SnippetWrapper
{
    public static string Wrap(Snippet snippet, int index)
    {
        var usings = new StringBuilder();
        var statements = new StringBuilder();
        var types = new StringBuilder();
        var inTypes = false;
        foreach (var line in snippet.Code.Split('\n'))
        {
            if (!inTypes && UsingDirective().IsMatch(line)) { usings.AppendLine(line); continue; }
            if (!inTypes && TypeDeclaration().IsMatch(line)) inTypes = true;
            (inTypes ? types : statements).AppendLine(line);
        }
        return $$"""
            {{usings}}
            namespace DocSnippet{{index}}
            {
            #line 1 "{{snippet.File}}:{{snippet.Line}}"
                internal static class Program
                {
                    internal static async System.Threading.Tasks.Task Main(string[] args)
                    {
            {{statements}}
                        await System.Threading.Tasks.Task.CompletedTask;
                    }
                }
            {{types}}
            }
            """;
    }

    [GeneratedRegex(@"^using\s+[A-Za-z_][\w.]*\s*(=\s*[\w.<>, ]+)?;\s*$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^(public |internal |sealed |static |abstract |file |partial )*(record|class|struct|interface|enum)\s")]
    private static partial Regex TypeDeclaration();
}
