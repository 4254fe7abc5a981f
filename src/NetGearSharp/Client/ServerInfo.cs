using System.Text.Json;

namespace NetGearSharp;

/// <summary>A snapshot of one server as the client sees it.</summary>
public sealed record ServerInfo
{
    /// <summary>The server's port (its identity).</summary>
    public required int Port { get; init; }

    /// <summary>The current state.</summary>
    public required ServerState State { get; init; }

    /// <summary>Frames received (accepted, decoded and queued).</summary>
    public required long Frames { get; init; }

    /// <summary>Payload bytes received.</summary>
    public required long Bytes { get; init; }

    /// <summary>Frames per second over the last whole second (ten 100 ms slots, ending where the current slot began; so it moves every 100 ms).</summary>
    public required double FramesPerSecond { get; init; }

    /// <summary>Payload bytes per second over the same second as <see cref="FramesPerSecond"/>.</summary>
    public required double BytesPerSecond { get; init; }

    /// <summary>Malformed messages that named this server's port.</summary>
    public required long Malformed { get; init; }

    /// <summary>Frames replaced by a newer one before they were read (Publish/Subscribe keeps the newest).</summary>
    public required long Dropped { get; init; }

    /// <summary>Frames dropped because this port is not in the filter.</summary>
    public required long FilteredOut { get; init; }

    /// <summary>Open transport connections on this server's port.</summary>
    public required int Connections { get; init; }

    /// <summary>When the first frame arrived, if any.</summary>
    public required DateTimeOffset? FirstSeen { get; init; }

    /// <summary>When the last frame arrived, if any.</summary>
    public required DateTimeOffset? LastSeen { get; init; }

    /// <summary>The last non-null message, as JSON, if any.</summary>
    public required JsonElement? LastMessage { get; init; }

    /// <summary>Connection attempts on this port that failed the security handshake (on a plain client: senders that use CURVE).</summary>
    public long AuthenticationFailures { get; init; }

    /// <summary>Why the last failed security handshake on this port failed, or null.</summary>
    public string? LastAuthenticationFailure { get; init; }
}
