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

    /// <summary>The URL with its password replaced by <c>***</c>; as it is when it has none.</summary>
    /// <param name="url">A NATS URL as given.</param>
    public static string Redacted(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme) return url;
        var colon = url.IndexOf(':', scheme + 3);
        return colon < 0 || colon > at ? url : string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at));
    }
}
