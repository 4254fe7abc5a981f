namespace NetGearSharp.Nats.Wire;

/// <summary>The subjects of one deployment: <c>PREFIX.&lt;port&gt;</c> for frames, <c>PREFIX.&lt;port&gt;.state</c> for states.</summary>
internal sealed class NatsSubjects
{
    public NatsSubjects(string prefix) => Prefix = prefix;

    public string Prefix { get; }

    /// <summary>Every subject of the deployment (what a JetStream stream captures).</summary>
    public string All => Prefix + ".>";

    /// <summary>Every port's frames (and nothing else).</summary>
    public string AllFrames => Prefix + ".*";

    /// <summary>Every port's state events.</summary>
    public string AllStates => Prefix + ".*.state";

    public string Frame(int port) => Prefix + "." + NatsPort.Token(port);

    public string State(int port) => Prefix + "." + NatsPort.Token(port) + ".state";

    public static bool IsState(string subject) => subject.EndsWith(".state", StringComparison.Ordinal);

    /// <summary>The default JetStream stream name of a prefix: upper case, dots and other separators as underscores.</summary>
    public string DefaultStreamName()
    {
        var chars = Prefix.ToUpperInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '-') chars[i] = '_';
        }
        return "NETGEAR_" + new string(chars);
    }

    /// <summary>Checks a subject prefix: tokens of letters, digits, '-' and '_', separated by dots.</summary>
    /// <exception cref="ArgumentException">The prefix is empty or has a wildcard, space or empty token.</exception>
    public static string ValidatePrefix(string? prefix, string name)
    {
        if (string.IsNullOrWhiteSpace(prefix))
            throw new ArgumentException($"{name} is empty; give a subject prefix such as 'netgear' or 'site1.cameras'.", name);
        foreach (var token in prefix.Split('.'))
        {
            if (token.Length == 0 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new ArgumentException(
                    $"{name} '{prefix}' is not a valid subject prefix; allowed: tokens of letters, digits, '-' and '_' separated by single dots (no '*', '>' or spaces).", name);
        }
        return prefix;
    }
}
