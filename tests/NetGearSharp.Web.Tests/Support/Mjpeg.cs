using System.Text;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>Reads the parts of a <c>multipart/x-mixed-replace</c> response (each with a Content-Length header).</summary>
public sealed class Mjpeg(Stream stream)
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _start, _end;

    /// <summary>The next part's body.</summary>
    public async Task<byte[]> NextAsync(CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(cancellationToken);
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("--netgearframe", lines[0]);
        Assert.Contains("Content-Type: image/jpeg", lines);
        var length = int.Parse(lines.Single(l => l.StartsWith("Content-Length:", StringComparison.Ordinal))["Content-Length:".Length..].Trim());
        var body = new byte[length];
        await ReadExactlyAsync(body, cancellationToken);
        var crlf = new byte[2];
        await ReadExactlyAsync(crlf, cancellationToken);
        Assert.Equal("\r\n"u8.ToArray(), crlf);
        return body;
    }

    private async Task<string> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var at = span.IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                var head = Encoding.ASCII.GetString(span[..at]);
                _start += at + 4;
                return head;
            }
            await FillAsync(cancellationToken);
        }
    }

    private async Task ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var done = 0;
        while (done < target.Length)
        {
            if (_start == _end) await FillAsync(cancellationToken);
            var n = Math.Min(target.Length - done, _end - _start);
            Array.Copy(_buffer, _start, target, done, n);
            _start += n;
            done += n;
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var n = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (n == 0) throw new EndOfStreamException("The MJPEG stream ended.");
        _end += n;
    }
}
