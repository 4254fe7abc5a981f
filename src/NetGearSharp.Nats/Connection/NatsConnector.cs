using NATS.Client.Core;
using NetGearSharp.Logging;
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
                throw new ArgumentException($"NATS URL '{NatsUrlText.Redacted(url)}' is invalid; allowed: nats://HOST:PORT, tls://HOST:PORT, ws:// or wss:// URLs.", nameof(options));
        }
        NatsSubjects.ValidatePrefix(options.Prefix, nameof(options.Prefix));
        if (options.CredentialsFile is { } creds && !File.Exists(creds))
            throw new ArgumentException($"NATS credentials file '{creds}' does not exist; give the path of a .creds file.", nameof(options));
        if (options.UserName is { Length: 0 })
            throw new ArgumentException("UserName is empty; give the NATS user name, or null for no user/password authentication.", nameof(options));
        if (options.Password is not null && options.UserName is null)
            throw new ArgumentException("Password is given without UserName; give both (user/password authentication) or neither.", nameof(options));
        if (options.Token is { Length: 0 })
            throw new ArgumentException("Token is empty; give the NATS token, or null for no token authentication.", nameof(options));
        if (options.Token is not null && options.UserName is not null)
            throw new ArgumentException("Token and UserName are both given; a NATS server authenticates a client by one of them: give one.", nameof(options));
        RequireFile(options.TlsCaFile, nameof(options.TlsCaFile), "a PEM file of the CA certificate that signed the server's certificate");
        RequireFile(options.TlsCertFile, nameof(options.TlsCertFile), "a PEM client certificate");
        RequireFile(options.TlsKeyFile, nameof(options.TlsKeyFile), "the PEM private key of TlsCertFile");
        if ((options.TlsCertFile is null) != (options.TlsKeyFile is null))
            throw new ArgumentException("TlsCertFile and TlsKeyFile go together (a client certificate and its key): give both or neither.", nameof(options));
        NetGearSharp.Validate.NotInfinite(options.ConnectTimeout, "ConnectTimeout", "give a positive time", nameof(options));
        if (options.ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"ConnectTimeout {options.ConnectTimeout} must be positive.", nameof(options));
    }

    /// <summary>The NATS.Net options of a link.</summary>
    public static NatsOpts Build(NatsLinkOptions options, int? subscriberCapacity = null)
    {
        var opts = NatsOpts.Default with
        {
            Url = string.Join(",", options.Urls),
            LoggerFactory = GuardedLoggerFactory.For(options.LoggerFactory),
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
        if (options.UserName is { } user) auth = auth with { Username = user, Password = options.Password };
        if (options.Token is { } token) auth = auth with { Token = token };
        opts = opts with { AuthOpts = auth };
        var tls = options.Tls ?? NatsTlsOpts.Default;
        // A private CA means TLS is wanted: required, so a server without TLS is refused rather than used in the clear.
        if (options.TlsCaFile is { } ca) tls = tls with { CaFile = ca, Mode = options.Tls is null ? TlsMode.Require : tls.Mode };
        if (options.TlsCertFile is { } cert) tls = tls with { CertFile = cert, KeyFile = options.TlsKeyFile };
        opts = opts with { TlsOpts = tls };
        return options.ConfigureNats is { } configure ? configure(opts) : opts;
    }

    private static void RequireFile(string? path, string name, string what)
    {
        if (path is not null && !File.Exists(path))
            throw new ArgumentException($"{name} '{path}' does not exist; give the path of {what}.", name);
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
            throw new NetGearException($"Cannot connect to NATS at {NatsUrlText.Redacted(options.Urls)}: {Reason(ex)}", ex);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: the connect still running would otherwise connect later and live on, owned by nobody.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Why a connection failed: the messages of the exception chain, and what to do for the usual causes.</summary>
    internal static string Reason(Exception ex)
    {
        var messages = new List<string>();
        var tls = false;
        for (var e = ex; e is not null; e = e.InnerException)
        {
            tls |= e is System.Security.Authentication.AuthenticationException;
            var text = e.Message.Trim();
            if (text.Length > 0 && !messages.Any(m => m.Contains(text, StringComparison.Ordinal))) messages.Add(text);
        }
        var reason = string.Join(" <- ", messages);
        if (reason.Contains("authorization violation", StringComparison.OrdinalIgnoreCase))
            reason += " (the server refused the credentials: check the user name and password, the token or the .creds file)";
        else if (tls)
            reason += " (TLS: the server's certificate is not trusted; give the CA certificate that signed it: TlsCaFile, --nats-ca)";
        else if (ex is TimeoutException or OperationCanceledException)
            reason = $"no answer within the connect timeout ({reason})";
        else if (ex is NatsException { InnerException: null } && reason.StartsWith("can not connect uris", StringComparison.Ordinal))
            // NATS.Net's words for 'every URL refused the connection or was unreachable' (--verbose shows its socket error).
            reason = "no NATS server answers there (is nats-server running, on that host and port?)";
        return reason;
    }
}
