using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NetGearSharp.Nats.Wire;

namespace NetGearSharp.Nats.Connection;

/// <summary>Checks link options once and opens connections from them.</summary>
internal static class NatsConnector
{
    /// <summary>Checks the options that every NATS link has.</summary>
    /// <exception cref="ArgumentException">A URL, the prefix, the credentials file or the timeout is invalid.</exception>
    public static void Validate(NatsLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Urls is null || options.Urls.Count == 0)
            throw new ArgumentException("Urls is empty; give at least one NATS server URL such as nats://localhost:4222.", nameof(options));
        foreach (var url in options.Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss") || uri.Host.Length == 0)
                throw new ArgumentException($"NATS URL '{url}' is invalid; allowed: nats://HOST:PORT, tls://HOST:PORT, ws:// or wss:// URLs.", nameof(options));
        }
        NatsSubjects.ValidatePrefix(options.Prefix, nameof(options.Prefix));
        if (options.CredentialsFile is { } creds && !File.Exists(creds))
            throw new ArgumentException($"NATS credentials file '{creds}' does not exist; give the path of a .creds file.", nameof(options));
        if (options.ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"ConnectTimeout {options.ConnectTimeout} must be positive.", nameof(options));
    }

    /// <summary>The NATS.Net options of a link.</summary>
    public static NatsOpts Build(NatsLinkOptions options, int? subscriberCapacity = null)
    {
        var opts = NatsOpts.Default with
        {
            Url = string.Join(",", options.Urls),
            LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance,
            ConnectTimeout = options.ConnectTimeout,
            // Quick failover: a dead node is noticed by the socket or after two missed pings.
            PingInterval = TimeSpan.FromSeconds(2),
            MaxPingOut = 2,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(50),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
            MaxReconnectRetry = -1,
        };
        if (options.ConnectionName is { } name) opts = opts with { Name = name };
        if (subscriberCapacity is { } capacity) opts = opts with { SubPendingChannelCapacity = capacity, SubPendingChannelFullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest };
        var auth = options.Auth ?? NatsAuthOpts.Default;
        if (options.CredentialsFile is { } creds) auth = auth with { CredsFile = creds };
        opts = opts with { AuthOpts = auth };
        if (options.Tls is { } tls) opts = opts with { TlsOpts = tls };
        return options.ConfigureNats is { } configure ? configure(opts) : opts;
    }

    /// <summary>Opens a connection and waits for the server's INFO.</summary>
    /// <exception cref="NetGearException">No server of the list answered in time.</exception>
    public static async Task<NatsConnection> ConnectAsync(NatsLinkOptions options, NatsOpts opts, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(opts);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await connection.ConnectAsync().AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new NetGearException($"Cannot connect to NATS at {string.Join(",", options.Urls)}: {ex.Message}", ex);
        }
    }
}
