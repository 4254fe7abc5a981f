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

    /// <summary>
    /// The connection (<see cref="Connection"/>) that may send no further frame until this envelope's frame is answered
    /// (<see cref="Pipeline.ReplyGate.Owe"/>); null when its frame owes nothing.
    /// </summary>
    public ulong? Owing { get; set; }

    /// <summary>
    /// The connection the message came from, as its routing identity (the first part; libzmq and NetMQ give every
    /// connection its own, and a reconnecting peer a new one, unless the peer sets its own): the identity's bytes with its length when 7 or fewer
    /// (libzmq's and NetMQ's are 5), else a hash of them; null without one (a Pair socket's single peer).
    /// </summary>
    public ulong? Connection
    {
        get
        {
            if (Count == 0) return null;
            var id = this[0];
            ulong key = 0;
            if (id.Length <= 7)
            {
                foreach (var b in id) key = (key << 8) | b;
                return key | ((ulong)id.Length << 56); // lengths apart: 0x0001 and 0x01 are two identities
            }
            key = 14695981039346656037UL; // FNV-1a
            foreach (var b in id) key = (key ^ b) * 1099511628211UL;
            return key;
        }
    }

    public void Clear()
    {
        Count = 0;
        Port = null;
        Owing = null;
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
        other.Owing = Owing;
    }
}
