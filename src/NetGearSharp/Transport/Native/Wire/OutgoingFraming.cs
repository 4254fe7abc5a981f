namespace NetGearSharp.Transport.Native.Wire;

/// <summary>
/// Follows the ZMTP 3 framing of what libzmq writes on one connection (its greeting, then each frame's flags, size and
/// body), so that <see cref="WireHooks"/> can tell whether a write ends inside a frame. libzmq writes a large message
/// in two writes: a batch of 8,192 bytes (the parts before the frame and the frame's first bytes, copied together),
/// then the rest of the frame from the frame itself. The batch ends inside the frame, and libzmq writes the rest as
/// soon as the socket takes it; marked <c>MSG_MORE</c>, the batch waits in the kernel for that rest and leaves with it
/// in full-size segments, instead of as a small segment of its own that wakes the reader before the frame is there.
/// A write that ends between frames, or inside the greeting (libzmq then waits for the peer), is never marked.
/// Anything but a ZMTP 3 greeting followed by well-formed frames stops the following for good (<see cref="Lost"/>):
/// a write is then never marked. Not thread-safe: libzmq writes a connection from one I/O thread.
/// </summary>
internal sealed class OutgoingFraming
{
    /// <summary>A connection that is not followed (not ZMTP 3, or not TCP): its writes are never marked.</summary>
    public static readonly OutgoingFraming Untracked = new() { _state = new State { Stage = Stage.Lost } };

    private State _state;
    /// <summary>Where the writes stand after the write <see cref="EndsInsideFrame"/> looked at, and its length (-1: none).</summary>
    private State _ahead;
    private int _aheadLength = -1;

    /// <summary>Whether the connection is no longer followed.</summary>
    public bool Lost => _state.Stage == Stage.Lost;

    /// <summary>The writes marked <c>MSG_MORE</c> so far.</summary>
    public long MarkedWrites { get; private set; }

    /// <summary>
    /// Whether, once all of <paramref name="bytes"/> is written, a frame is left unfinished (its size or body), so
    /// libzmq writes more of it next; counted in <see cref="MarkedWrites"/> when true. Changes nothing else: what was
    /// written is told by <see cref="Wrote"/>.
    /// </summary>
    public bool EndsInsideFrame(ReadOnlySpan<byte> bytes)
    {
        if (Lost) return false;
        _aheadLength = -1;
        if (bytes.IsEmpty) return false;
        _ahead = _state;
        _ahead.Advance(bytes);
        _aheadLength = bytes.Length;
        if (!_ahead.InsideFrame) return false;
        MarkedWrites++;
        return true;
    }

    /// <summary>
    /// The bytes the kernel took from a write (all of it, or its first part). All of the write just looked at
    /// (<see cref="EndsInsideFrame"/>) is not read again: the look-ahead is where the writes stand.
    /// </summary>
    public void Wrote(ReadOnlySpan<byte> bytes)
    {
        if (Lost) return;
        if (bytes.Length == _aheadLength) _state = _ahead;
        else _state.Advance(bytes);
        _aheadLength = -1;
    }

    private enum Stage : byte
    {
        Greeting,
        Flags,
        Size,
        Body,
        Lost,
    }

    /// <summary>Where the writes stand, copied to look ahead without moving.</summary>
    private struct State
    {
        private const int GreetingLength = 64;
        private const int MechanismStart = 12, MechanismEnd = 32, AsServer = 32;
        private const byte More = 0x01, Long = 0x02, Command = 0x04;

        public Stage Stage;
        private int _greetingWritten;
        private bool _mechanismEnded;
        private byte _flags;
        private int _sizeWritten;
        private ulong _size;
        private long _bodyLeft;

        /// <summary>Inside a frame's size or body: more of the frame follows.</summary>
        public readonly bool InsideFrame => Stage == Stage.Size || Stage == Stage.Body && _bodyLeft > 0;

        public void Advance(ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length && Stage != Stage.Lost)
            {
                switch (Stage)
                {
                    case Stage.Greeting:
                        Greeting(bytes[i++]);
                        break;
                    case Stage.Flags:
                        _flags = bytes[i++];
                        _size = 0;
                        _sizeWritten = 0;
                        Stage = (_flags & ~(More | Long | Command)) == 0 ? Stage.Size : Stage.Lost;
                        break;
                    case Stage.Size:
                        _size = _size << 8 | bytes[i++];
                        if (++_sizeWritten < ((_flags & Long) != 0 ? 8 : 1)) break;
                        if (_size > long.MaxValue)
                        {
                            Stage = Stage.Lost;
                            break;
                        }
                        _bodyLeft = (long)_size;
                        Stage = _bodyLeft == 0 ? Stage.Flags : Stage.Body;
                        break;
                    case Stage.Body:
                        var skip = (int)Math.Min(_bodyLeft, bytes.Length - i);
                        i += skip;
                        _bodyLeft -= skip;
                        if (_bodyLeft == 0) Stage = Stage.Flags;
                        break;
                }
            }
        }

        /// <summary>
        /// libzmq's ZMTP 3 greeting: 0xFF, eight bytes of length, 0x7F; version 3.0 or 3.1; a mechanism's name in
        /// capitals padded with zeros to 20 bytes; the as-server byte; 31 zeros.
        /// </summary>
        private void Greeting(byte b)
        {
            var at = _greetingWritten++;
            var valid = at switch
            {
                0 => b == 0xFF,
                9 => (b & 0x01) != 0,
                10 => b == 3,
                11 => b <= 1,
                >= MechanismStart and < MechanismEnd => Mechanism(b, at),
                AsServer => b <= 1,
                > AsServer => b == 0,
                _ => true,
            };
            if (!valid) Stage = Stage.Lost;
            else if (_greetingWritten == GreetingLength) Stage = Stage.Flags;
        }

        private bool Mechanism(byte b, int at)
        {
            if (b == 0)
            {
                // At least one letter, then only zeros.
                _mechanismEnded = true;
                return at > MechanismStart;
            }
            return !_mechanismEnded && (b is >= (byte)'A' and <= (byte)'Z' || b is >= (byte)'0' and <= (byte)'9' && at > MechanismStart);
        }
    }
}
