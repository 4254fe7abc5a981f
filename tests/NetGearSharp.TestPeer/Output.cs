namespace NetGearSharp.TestPeer;

/// <summary>Line-based output the tests parse: <c>KIND epoch-ms fields...</c>.</summary>
internal static class Output
{
    private static readonly Lock Gate = new();

    public static void Line(string kind, params object[] fields)
    {
        var line = $"{kind} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {string.Join(' ', fields)}".TrimEnd();
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
