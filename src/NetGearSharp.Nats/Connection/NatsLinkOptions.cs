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

    /// <summary>A NATS credentials file (<c>.creds</c>: JWT and NKey seed); null: none.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>Authentication as NATS.Net takes it (user/password, token, NKey, JWT…); null: none (or <see cref="CredentialsFile"/>).</summary>
    public NatsAuthOpts? Auth { get; init; }

    /// <summary>TLS as NATS.Net takes it (CA file, client certificate, mode); null: NATS.Net's default (TLS when the URL says <c>tls://</c>).</summary>
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
