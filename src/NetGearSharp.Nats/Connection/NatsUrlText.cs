namespace NetGearSharp.Nats;

/// <summary>NATS URLs as they may be shown: a password in a URL (<c>nats://user:secret@host:4222</c>) never is.</summary>
public static class NatsUrlText
{
    /// <summary>The URLs comma-separated, each password replaced by <c>***</c> (<c>nats://user:***@host:4222</c>).</summary>
    /// <param name="urls">NATS URLs as given.</param>
    public static string Redacted(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return string.Join(",", urls.Select(Redacted));
    }

    /// <summary>
    /// The URL with its secret replaced by <c>***</c>: the password of <c>user:password@</c>, or the whole of
    /// <c>token@</c> (user-info without a colon is a NATS token); as it is when it has neither.
    /// </summary>
    /// <param name="url">A NATS URL as given.</param>
    public static string Redacted(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme) return url;
        var colon = url.IndexOf(':', scheme + 3);
        var secretFrom = colon >= 0 && colon < at ? colon + 1 : scheme + 3;
        return string.Concat(url.AsSpan(0, secretFrom), "***", url.AsSpan(at));
    }
}
