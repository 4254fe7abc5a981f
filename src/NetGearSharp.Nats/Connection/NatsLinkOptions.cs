using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace NetGearSharp.Nats;

/// <summary>Where and how to reach NATS: the options the forwarder and the source share.</summary>
public abstract record NatsLinkOptions
{
    /// <summary>
    /// The NATS servers, e.g. <c>nats://10.0.0.5:4222</c>; several for a cluster (the client fails over between them and
    /// learns the rest of the cluster from the server). Default: <c>nats://localhost:4222</c>.
    /// </summary>
    public IReadOnlyList<string> Urls { get; init; } = ["nats://localhost:4222"];

    /// <summary>The subject prefix: frames go to <c>PREFIX.&lt;port&gt;</c>, states to <c>PREFIX.&lt;port&gt;.state</c>. Default <c>netgear</c>.</summary>
    public string Prefix { get; init; } = "netgear";

    /// <summary>A NATS credentials file (<c>.creds</c>: JWT and NKey seed, decentralised auth); null: none.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>The user name for user/password authentication (with <see cref="Password"/>); null: none.</summary>
    public string? UserName { get; init; }

    /// <summary>The password of <see cref="UserName"/>; null: none.</summary>
    public string? Password { get; init; }

    /// <summary>A token for token authentication (the server's <c>authorization { token: … }</c>); null: none. Not with <see cref="UserName"/>.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// A PEM file of the CA certificate(s) to trust for the server's TLS certificate (a private CA); null: the system's
    /// trusted CAs. Giving it turns TLS on (required) even for <c>nats://</c> URLs.
    /// </summary>
    public string? TlsCaFile { get; init; }

    /// <summary>A PEM client certificate, for servers that verify clients (<c>verify: true</c>); with <see cref="TlsKeyFile"/>. Null: none.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>The PEM private key of <see cref="TlsCertFile"/>; null: none.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>
    /// Authentication as NATS.Net takes it (NKey, JWT, a callback…), for what the typed options above do not cover;
    /// they are applied over it. Null: none.
    /// </summary>
    public NatsAuthOpts? Auth { get; init; }

    /// <summary>
    /// TLS as NATS.Net takes it (mode, certificate bundles, a callback…), for what the typed options above do not cover;
    /// they are applied over it. Null: NATS.Net's default (TLS when the URL says <c>tls://</c> or the server requires it).
    /// </summary>
    public NatsTlsOpts? Tls { get; init; }

    /// <summary>The connection's name as the NATS server shows it (monitoring). Null: NATS.Net's default.</summary>
    public string? ConnectionName { get; init; }

    /// <summary>How long to try the first connection before giving up with an error. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A last say over the NATS.Net options built from the ones above (anything else NATS.Net supports).</summary>
    public Func<NatsOpts, NatsOpts>? ConfigureNats { get; init; }

    /// <summary>Where logs go; null: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
