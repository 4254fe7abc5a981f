using System.Globalization;

namespace NetGearSharp.Transport.Zmtp;

/// <summary>
/// Reads the framing of the bytes one peer sends (ZMTP 3, or 2 for old peers), as they pass, without keeping them:
/// the greeting, then each frame's flags and size, so that it can count the parts and bytes of the message in progress.
/// It says stop at the first part of a message that goes past the limits, before that part's body is passed on, so
/// nothing of an oversized message is ever buffered. With CURVE a message's parts travel as encrypted commands whose
/// flags are hidden: then only each command's size is capped. Not thread-safe: one connection's reader.
/// Given a <see cref="HeaderPortReader"/>, it also keeps each message's header part (its first part that is not empty:
/// a REQ's empty delimiter comes before it) as it passes, and says stop at its last byte when it names another port
/// than the one the connection arrived on; that last byte is then never passed on, so the message never completes.
/// </summary>
internal sealed class ZmtpMeter
{
    /// <summary>No valid message has more parts: two (header and frame) behind a REQ's empty delimiter, or a goodbye.</summary>
    public const int MaxParts = 16;

    /// <summary>What a command may carry beyond a part's own limit (names, nonces, MACs, properties).</summary>
    private const long CommandOverhead = 64 * 1024;
    private const byte More = 0x01;
    private const byte Long = 0x02;
    private const byte Command = 0x04;
    private const int SignatureLength = 10;
    /// <summary>A larger header is not checked here: the client counts it malformed (HeaderTooLarge) and drops it.</summary>
    private const int MaxHeaderBytes = 1024 * 1024;

    private readonly long _maxMessageBytes;
    private readonly long _maxPartBytes;
    private readonly byte[] _greeting = new byte[64];
    private int _greetingLength = SignatureLength + 1;
    private int _greetingRead;
    private Stage _stage;
    private byte _flags;
    private int _sizeRead;
    private ulong _size;
    private long _bodyLeft;
    private int _parts;
    private long _messageBytes;
    private long _commandsCompleted;
    private long _messageStartedAt;
    private readonly int _port;
    private readonly HeaderPortReader? _namedPort;
    private bool _headerSeen;
    /// <summary>Whether the part being read is the header, kept in <see cref="_header"/> (reused from message to message).</summary>
    private bool _keepingHeader;
    private byte[] _header = [];
    private int _headerLength;

    /// <summary>Creates the meter of one connection.</summary>
    /// <param name="maxMessageBytes">The most a message may carry in all its parts; negative for no limit.</param>
    /// <param name="maxPartBytes">The most one part may carry; negative for no limit.</param>
    /// <param name="port">The port the connection arrived on (for <paramref name="namedPort"/>).</param>
    /// <param name="namedPort">Reads the port a header names; null checks no header.</param>
    public ZmtpMeter(long maxMessageBytes, long maxPartBytes, int port = 0, HeaderPortReader? namedPort = null)
    {
        _maxMessageBytes = maxMessageBytes;
        _maxPartBytes = maxPartBytes;
        _port = port;
        _namedPort = namedPort;
    }

    private enum Stage
    {
        Greeting,
        Flags,
        Size,
        Body,
    }

    /// <summary>Whether the peer sent a ZMTP signature (its first 10 bytes); until then it may be a port scanner.</summary>
    public bool SignatureSeen => _greetingRead >= SignatureLength;

    /// <summary>Whether the peer finished its greeting and sent a whole first frame (its handshake's first command).</summary>
    public bool HandshakeDone { get; private set; }

    /// <summary>Whole messages the peer sent (a ZMTP 2 peer's identity counts as one).</summary>
    public long MessagesCompleted { get; private set; }

    /// <summary>
    /// Whether the peer has sent anything a server sends: a whole message, or with CURVE (whose messages travel as
    /// commands) more commands than its handshake has.
    /// </summary>
    public bool Delivered => MessagesCompleted > 0 || Encrypted && _commandsCompleted > 2;

    /// <summary>
    /// What the message in progress has announced so far (the sizes of its parts, counted at each part's header); 0
    /// between messages. Read from other threads: the gate adds up its connections'.
    /// </summary>
    public long MessageBytes => Volatile.Read(ref _messageBytes);

    /// <summary>When the message in progress began (<see cref="Environment.TickCount64"/> at its first part).</summary>
    public long MessageStartedAt => Volatile.Read(ref _messageStartedAt);

    /// <summary>Whether the peer's mechanism is CURVE (its messages' parts are then not counted, only sized).</summary>
    public bool Encrypted { get; private set; }

    /// <summary>Why the last verdict other than <see cref="ZmtpVerdict.Pass"/> was given, in words.</summary>
    public string? Detail { get; private set; }

    /// <summary>Reads the next bytes the peer sent.</summary>
    /// <returns><see cref="ZmtpVerdict.Pass"/>, or why the connection must be closed (the bytes must then not be passed on).</returns>
    public ZmtpVerdict Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_stage)
            {
                case Stage.Greeting:
                    if (ReadGreeting(bytes[i]) is var greeting && greeting != ZmtpVerdict.Pass) return greeting;
                    i++;
                    break;
                case Stage.Flags:
                    _flags = bytes[i++];
                    _size = 0;
                    _sizeRead = 0;
                    _stage = Stage.Size;
                    break;
                case Stage.Size:
                    _size = (_size << 8) | bytes[i++];
                    if (++_sizeRead < ((_flags & Long) != 0 ? 8 : 1)) break;
                    if (FrameStarts() is var frame && frame != ZmtpVerdict.Pass) return frame;
                    break;
                case Stage.Body:
                    var skip = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    if (_keepingHeader)
                    {
                        bytes.Slice(i, skip).CopyTo(_header.AsSpan(_headerLength));
                        _headerLength += skip;
                    }
                    i += skip;
                    _bodyLeft -= skip;
                    if (_bodyLeft == 0 && FrameEnds() is var ended && ended != ZmtpVerdict.Pass) return ended;
                    break;
            }
        }
        return ZmtpVerdict.Pass;
    }

    private ZmtpVerdict ReadGreeting(byte b)
    {
        _greeting[_greetingRead++] = b;
        if (_greetingRead == 1 && b != 0xFF || _greetingRead == SignatureLength && (b & 0x01) == 0)
            return Stop(ZmtpVerdict.NotZmtp, "not a ZeroMQ 2 or 3 greeting");
        if (_greetingRead == SignatureLength + 1)
        {
            // The revision: 1 is ZMTP 2 (a socket type byte follows, then the identity as a frame); 3 and up is ZMTP 3.
            if (b == 0) return Stop(ZmtpVerdict.NotZmtp, "a ZeroMQ 1 greeting");
            _greetingLength = b == 1 ? 12 : 64;
        }
        if (_greetingRead < _greetingLength) return ZmtpVerdict.Pass;
        if (_greetingLength == 64)
            Encrypted = _greeting.AsSpan(12, 20).StartsWith("CURVE\0"u8);
        _stage = Stage.Flags;
        return ZmtpVerdict.Pass;
    }

    private ZmtpVerdict FrameStarts()
    {
        if (_size > long.MaxValue) return Stop(ZmtpVerdict.TooLarge, string.Create(CultureInfo.InvariantCulture, $"a frame of {_size} bytes"));
        var size = (long)_size;
        if ((_flags & Command) != 0)
        {
            if (_maxPartBytes >= 0 && size > _maxPartBytes + CommandOverhead)
                return Stop(ZmtpVerdict.TooLarge, Text($"a command of {size} bytes (a part may have {_maxPartBytes})"));
        }
        else
        {
            if (_maxPartBytes >= 0 && size > _maxPartBytes)
                return Stop(ZmtpVerdict.TooLarge, Text($"a part of {size} bytes (the limit is {_maxPartBytes})"));
            if (++_parts > MaxParts)
                return Stop(ZmtpVerdict.TooManyParts, Text($"a message of more than {MaxParts} parts"));
            if (_parts == 1) Volatile.Write(ref _messageStartedAt, Environment.TickCount64);
            Volatile.Write(ref _messageBytes, _messageBytes + size);
            if (_maxMessageBytes >= 0 && _messageBytes > _maxMessageBytes)
                return Stop(ZmtpVerdict.TooLarge, Text($"a message of {_messageBytes} bytes and counting (the limit is {_maxMessageBytes})"));
            if (_namedPort is not null && !_headerSeen && size > 0)
            {
                _headerSeen = true;
                if (size <= MaxHeaderBytes)
                {
                    if (_header.Length < size) _header = new byte[size];
                    _keepingHeader = true;
                }
            }
        }
        _bodyLeft = size;
        _stage = Stage.Body;
        return size == 0 ? FrameEnds() : ZmtpVerdict.Pass;
    }

    private ZmtpVerdict FrameEnds()
    {
        _stage = Stage.Flags;
        HandshakeDone = true;
        if ((_flags & Command) != 0)
        {
            _commandsCompleted++;
            return ZmtpVerdict.Pass;
        }
        if (_keepingHeader)
        {
            _keepingHeader = false;
            var length = _headerLength;
            _headerLength = 0;
            if (_namedPort!(_header.AsSpan(0, length)) is { } named && named != _port)
                return Stop(ZmtpVerdict.PortMismatch, Text($"the header names port {named} but the message arrived on port {_port}"));
        }
        if ((_flags & More) != 0) return ZmtpVerdict.Pass;
        MessagesCompleted++;
        _parts = 0;
        Volatile.Write(ref _messageBytes, 0);
        _headerSeen = false;
        return ZmtpVerdict.Pass;
    }

    private ZmtpVerdict Stop(ZmtpVerdict verdict, string detail)
    {
        Detail = detail;
        return verdict;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
