using NetGearSharp.TestSupport;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>
/// A raw TCP proxy on a port of its own that forwards to a target port on loopback and keeps a copy of every byte
/// that passed, in both directions, so a test can look for plaintext on the wire.
/// </summary>
public sealed class TcpTap : IAsyncDisposable
{
    private readonly MemoryStream _captured = new();
    private readonly TcpForward _forward;

    public TcpTap(int target) => _forward = new TcpForward(target, Capture);

    /// <summary>The port to connect to instead of the target.</summary>
    public int Port => _forward.Port;

    /// <summary>Every byte that passed so far (both directions).</summary>
    public byte[] Captured
    {
        get
        {
            lock (_captured) return _captured.ToArray();
        }
    }

    private void Capture(ReadOnlyMemory<byte> bytes)
    {
        lock (_captured) _captured.Write(bytes.Span);
    }

    public ValueTask DisposeAsync() => _forward.DisposeAsync();
}
