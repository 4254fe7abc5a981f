using System.Globalization;
using Microsoft.Extensions.Logging;
using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary><c>view --forward</c>: hands every received packet and state change to a <see cref="NatsForwarder"/>.</summary>
internal sealed class NatsForwarding : IAsyncDisposable
{
    private readonly NatsForwarder _forwarder;
    private readonly IDisposable _attached;

    private NatsForwarding(NatsForwarder forwarder, IDisposable attached)
    {
        _forwarder = forwarder;
        _attached = attached;
    }

    /// <summary>Connects (checking the server's max payload and creating the stream) and follows the client's states.</summary>
    /// <exception cref="UsageException">A NATS option is invalid.</exception>
    public static async Task<NatsForwarding> StartAsync(NatsViewSettings nats, NetGearClient client, IStatusDisplay display, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        NatsForwarder forwarder;
        try
        {
            forwarder = await NatsForwarder.ConnectAsync(NatsLink.Forwarder(nats, logging), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.FromCore(ex);
        }
        display.Note(string.Create(CultureInfo.InvariantCulture,
            $"forwarding to {NatsUrlText.Redacted(nats.ForwardUrls!)} as {nats.Prefix}.<port> (max payload {forwarder.MaxPayload} bytes{(forwarder.StreamName is { } s ? ", JetStream stream " + s : "")})"));
        var urls = NatsUrlText.Redacted(nats.ForwardUrls!);
        forwarder.LinkChanged += (_, e) => display.Note(NatsLinkLines.Forwarder(e, urls, nats.Buffer));
        return new NatsForwarding(forwarder, forwarder.Attach(client));
    }

    /// <summary>The forwarder's counts so far (final once <see cref="CompleteAsync"/> has returned).</summary>
    public NatsForwarderStatistics Statistics => _forwarder.Statistics;

    /// <summary>Queues a copy of the packet (never blocks; a frame too large for NATS is counted, not queued).</summary>
    public void Post(NetGearPacket packet) => _forwarder.Post(packet);

    /// <summary>Publishes the final states, flushes, and returns the summary line.</summary>
    public async Task<string> CompleteAsync()
    {
        _attached.Dispose();
        await _forwarder.CompleteAsync().ConfigureAwait(false);
        return NatsLinkLines.ForwarderEnd(_forwarder.Statistics);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _attached.Dispose();
        await _forwarder.DisposeAsync().ConfigureAwait(false);
    }
}
