using System.Net;
using System.Text;

namespace NetGearSharp.AspNetCore.Endpoints;

/// <summary>The page (one HTML file with its CSS and JavaScript, nothing from elsewhere), from the assembly's resources.</summary>
internal static class PageHtml
{
    public static byte[] Render(string title)
    {
        using var stream = typeof(PageHtml).Assembly.GetManifestResourceStream("NetGearSharp.AspNetCore.index.html")
            ?? throw new InvalidOperationException("The page resource NetGearSharp.AspNetCore.index.html is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Encoding.UTF8.GetBytes(reader.ReadToEnd().Replace("{{title}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal));
    }
}
