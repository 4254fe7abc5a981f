using NATS.Client.Core;
using NetGearSharp.Nats.Connection;
using NetGearSharp.Nats.Wire;

namespace NetGearSharp.Nats.Forwarding;

/// <summary>A forwarder's options, checked once.</summary>
internal sealed class ForwarderSettings
{
    private ForwarderSettings(NatsForwarderOptions options)
    {
        Options = options;
        Subjects = new NatsSubjects(options.Prefix);
        Nats = NatsConnector.Build(options);
    }

    public NatsForwarderOptions Options { get; }
    public NatsSubjects Subjects { get; }
    public NatsOpts Nats { get; }

    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ForwarderSettings From(NatsForwarderOptions options)
    {
        NatsConnector.Validate(options);
        if (options.BufferCapacity is < 1 or > 100_000)
            throw new ArgumentException($"BufferCapacity {options.BufferCapacity} is out of range; allowed: 1 to 100000 frames.", nameof(options));
        if (!Enum.IsDefined(options.Compression))
            throw new ArgumentException($"Compression {options.Compression} is unknown; allowed: None, Jpeg.", nameof(options));
        if (options.JpegQuality is < 1 or > 100)
            throw new ArgumentException($"JpegQuality {options.JpegQuality} is out of range; allowed: 1 to 100.", nameof(options));
        if (options.ExpectedFrameBytes is < 0)
            throw new ArgumentException($"ExpectedFrameBytes {options.ExpectedFrameBytes} is negative.", nameof(options));
        NetGearSharp.Validate.NotInfinite(options.FlushTimeout, "FlushTimeout", "give zero or a positive time", nameof(options));
        if (options.FlushTimeout < TimeSpan.Zero)
            throw new ArgumentException($"FlushTimeout {options.FlushTimeout} is negative.", nameof(options));
        options.JetStream?.Validate();
        return new ForwarderSettings(options);
    }
}
