namespace NetGearSharp.Client;

/// <summary>The routing parts in front of a request (ROUTER sockets), copied so a reply can be sent later.</summary>
internal sealed class Envelope
{
    public const int MaxParts = 8;
    private readonly byte[][] _parts = new byte[MaxParts][];
    private readonly int[] _lengths = new int[MaxParts];

    public int Count { get; private set; }

    /// <summary>The server whose frame this envelope answers (for its return data), or null when not known.</summary>
    public int? Port { get; set; }

    public void Clear()
    {
        Count = 0;
        Port = null;
    }

    public bool TryAdd(ReadOnlySpan<byte> part)
    {
        if (Count == MaxParts || part.Length > 256) return false;
        var buffer = _parts[Count];
        if (buffer is null || buffer.Length < part.Length) _parts[Count] = buffer = new byte[Math.Max(16, part.Length)];
        part.CopyTo(buffer);
        _lengths[Count] = part.Length;
        Count++;
        return true;
    }

    public ReadOnlySpan<byte> this[int index] => _parts[index].AsSpan(0, _lengths[index]);

    public void CopyTo(Envelope other)
    {
        other.Clear();
        for (var i = 0; i < Count; i++) other.TryAdd(this[i]);
        other.Port = Port;
    }
}
