using System.CommandLine;
using System.Globalization;

namespace NetGearSharp.Cli.Commands;

/// <summary>The NATS options of <c>netgear view</c> (<c>--forward</c>, <c>--from</c> and their companions), and their checks.</summary>
internal sealed class NatsViewOptions
{
    private readonly Option<string?> _forward = new("--forward") { HelpName = "nats://HOST:PORT,...", Description = "Also publish every received packet to NATS: nats://HOST:PORT[,nats://…] (several for a cluster). See docs/scale-out.md." };
    private readonly Option<string?> _from = new("--from") { HelpName = "nats://HOST:PORT,...", Description = "Show forwarded streams read from NATS instead of binding ports: nats://HOST:PORT[,…]. Ends when every forwarded server has ended. Binds nothing: --address, --pattern, --transport, --filter, --stale-after, --lost-after, --secure, --keys and --web are for the forwarding viewer." };
    private readonly Option<string> _prefix = new("--nats-prefix") { HelpName = "PREFIX", Description = "NATS subject prefix: frames on PREFIX.<port>, states on PREFIX.<port>.state.", DefaultValueFactory = _ => "netgear" };
    private readonly Option<string?> _creds = new("--nats-creds") { HelpName = "FILE", Description = "NATS credentials file (.creds)." };
    private readonly Option<string?> _user = new("--nats-user") { HelpName = "USER", Description = "NATS user name (the password from the NETGEAR_NATS_PASSWORD environment variable)." };
    private readonly Option<string?> _ca = new("--nats-ca") { HelpName = "FILE", Description = "CA certificate file (PEM) that signed the NATS server's certificate; TLS is then required." };
    private readonly Option<int> _buffer = new("--nats-buffer") { HelpName = "FRAMES", Description = "With --forward: frames waiting for NATS at most; beyond, the oldest are dropped (counted).", DefaultValueFactory = _ => 64 };
    private readonly Option<bool> _jpeg = new("--nats-jpeg") { Description = "With --forward: compress raw uint8 frames to JPEG for the hop." };
    private readonly Option<bool> _jetStream = new("--jetstream") { Description = "Use the deployment's JetStream stream (created by --forward; read by --from)." };
    private readonly Option<double> _maxAge = new("--jetstream-max-age") { HelpName = "SECONDS", Description = "With --forward --jetstream: seconds the stream keeps messages.", DefaultValueFactory = _ => 3600 };
    private readonly Option<long> _maxBytes = new("--jetstream-max-bytes") { HelpName = "BYTES", Description = "With --forward --jetstream: the stream's size limit in bytes.", DefaultValueFactory = _ => 1L << 30 };
    private readonly Option<int> _replicas = new("--jetstream-replicas") { HelpName = "1-5", Description = "With --forward --jetstream: copies of the stream in a NATS cluster (3 survives a node's loss).", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> _queue = new("--queue") { HelpName = "GROUP", Description = "With --from: read as one worker of this queue group (each frame goes to one worker of the group)." };
    private readonly Option<string?> _replayFrom = new("--replay-from") { HelpName = "TIME|start", Description = "With --from --jetstream: replay from this UTC time (ISO 8601, e.g. 2026-12-02T10:00:00Z) or 'start'." };

    /// <summary>The options, to add to the command.</summary>
    public IEnumerable<Option> All => [_forward, _from, _prefix, _creds, _user, _ca, _buffer, _jpeg, _jetStream, _maxAge, _maxBytes, _replicas, _queue, _replayFrom];

    /// <summary>Whether <c>--from</c> was given (then <c>--ports</c> is not needed).</summary>
    public bool HasFrom(ParseResult result) => result.GetValue(_from) is not null;

    /// <summary>
    /// Whether <c>--from</c> is given, seen from the command's parse result (for the parser's validators): its presence,
    /// not its value, which cannot be read when the parser rejected it (no value, given twice).
    /// </summary>
    public bool HasFrom(System.CommandLine.Parsing.CommandResult result) => result.GetResult(_from) is not null;

    /// <summary>Checks the NATS arguments; null when neither <c>--forward</c> nor <c>--from</c> is given.</summary>
    /// <exception cref="UsageException">An argument is invalid or does not fit with the others.</exception>
    public NatsViewSettings? Parse(ParseResult result)
    {
        var forward = result.GetValue(_forward);
        var from = result.GetValue(_from);
        if (forward is null && from is null)
        {
            foreach (var option in All)
            {
                if (Given(result, option)) throw new UsageException(option.Name, "needs --forward or --from (it is a NATS option); leave it out to view local servers only.");
            }
            return null;
        }
        if (forward is not null && from is not null) throw new UsageException("--from", "cannot be combined with --forward; a viewer either forwards its servers or reads forwarded ones.");
        var queue = result.GetValue(_queue);
        if (queue is not null && from is null) throw new UsageException("--queue", "needs --from (a queue group is for readers).");
        var replay = result.GetValue(_replayFrom);
        DateTimeOffset? replayFrom = null;
        var replayAll = false;
        if (replay is not null)
        {
            if (from is null || !result.GetValue(_jetStream)) throw new UsageException("--replay-from", "needs --from and --jetstream (replay reads the stream).");
            if (replay.Equals("start", StringComparison.OrdinalIgnoreCase)) replayAll = true;
            else if (DateTimeOffset.TryParse(replay, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) replayFrom = time;
            else throw new UsageException("--replay-from", $"'{replay}' is not a time; give an ISO 8601 time such as 2026-12-02T10:00:00Z, or 'start'.");
        }
        if (result.GetValue(_jpeg) && forward is null) throw new UsageException("--nats-jpeg", "needs --forward.");
        if (Given(result, _buffer) && forward is null) throw new UsageException("--nats-buffer", "needs --forward (it bounds the frames waiting to be published).");
        foreach (var option in new Option[] { _maxAge, _maxBytes, _replicas })
        {
            if (Given(result, option) && (forward is null || !result.GetValue(_jetStream)))
                throw new UsageException(option.Name, "needs --forward and --jetstream (it sets up the stream the forwarder creates).");
        }
        var user = result.GetValue(_user);
        return new NatsViewSettings
        {
            ForwardUrls = forward is null ? null : Urls(forward, "--forward"),
            FromUrls = from is null ? null : Urls(from, "--from"),
            Prefix = result.GetValue(_prefix) ?? "netgear",
            CredentialsFile = result.GetValue(_creds) is { } creds ? (File.Exists(creds) ? creds : throw new UsageException("--nats-creds", $"'{creds}' does not exist; give the path of a NATS .creds file.")) : null,
            User = user,
            Password = user is null ? null : Environment.GetEnvironmentVariable("NETGEAR_NATS_PASSWORD")
                ?? throw new UsageException("--nats-user", "needs the password in the NETGEAR_NATS_PASSWORD environment variable, which is not set (a password is never given on the command line, where other users can see it)."),
            CaFile = result.GetValue(_ca) is { } ca ? (File.Exists(ca) ? ca : throw new UsageException("--nats-ca", $"'{ca}' does not exist; give the path of a PEM CA certificate.")) : null,
            Buffer = ArgumentParsers.Range(result.GetValue(_buffer), 1, 100_000, "--nats-buffer"),
            Jpeg = result.GetValue(_jpeg),
            JetStream = result.GetValue(_jetStream),
            MaxAge = ArgumentParsers.Seconds(result.GetValue(_maxAge), "--jetstream-max-age", allowZero: true),
            Replicas = ArgumentParsers.Range(result.GetValue(_replicas), 1, 5, "--jetstream-replicas"),
            MaxBytes = result.GetValue(_maxBytes) >= 0 ? result.GetValue(_maxBytes) : throw new UsageException("--jetstream-max-bytes", $"{result.GetValue(_maxBytes)} is negative; give a size in bytes, or 0 for no limit."),
            Queue = queue,
            ReplayFrom = replayFrom,
            ReplayAll = replayAll,
        };
    }

    /// <summary>Whether the user gave <paramref name="option"/> (a default is not given).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static string[] Urls(string text, string option)
    {
        var urls = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (urls.Length == 0) throw new UsageException(option, "is empty; give NATS URLs such as nats://localhost:4222 (comma-separated for a cluster).");
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss") || uri.Host.Length == 0)
                throw new UsageException(option, $"'{NetGearSharp.Nats.NatsUrlText.Redacted(url)}' is not a NATS URL; allowed: nats://HOST:PORT or tls://HOST:PORT (comma-separated for a cluster).");
        }
        return urls;
    }
}
