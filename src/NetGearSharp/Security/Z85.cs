using System.Text;

namespace NetGearSharp.Security;

/// <summary>
/// ZeroMQ's Z85 encoding (RFC 32): 4 bytes become 5 printable characters. CURVE keys (32 bytes) are 40 characters in
/// Z85, the form certificate files and VidGear use.
/// </summary>
public static class Z85
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static readonly sbyte[] Values = BuildValues();

    /// <summary>Encodes bytes whose length is a multiple of 4.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.Length % 4 != 0)
            throw new ArgumentException($"Z85 encodes whole 4-byte groups; {data.Length} bytes is not a multiple of 4.", nameof(data));
        var text = new StringBuilder(data.Length / 4 * 5);
        Span<char> group = stackalloc char[5];
        for (var i = 0; i < data.Length; i += 4)
        {
            var value = (uint)(data[i] << 24 | data[i + 1] << 16 | data[i + 2] << 8 | data[i + 3]);
            for (var j = 4; j >= 0; j--)
            {
                group[j] = Alphabet[(int)(value % 85)];
                value /= 85;
            }
            text.Append(group);
        }
        return text.ToString();
    }

    /// <summary>Decodes Z85 text whose length is a multiple of 5.</summary>
    /// <exception cref="FormatException">The text has a wrong length, a character outside Z85's alphabet, or a group out of range.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryDecode(text, out var bytes, out var error)) throw new FormatException(error);
        return bytes;
    }

    /// <summary>Decodes Z85 text; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryDecode(string text, out byte[] bytes, out string error) => TryDecode(text, out bytes, out error, quoteText: true);

    /// <summary>As <see cref="TryDecode(string, out byte[], out string)"/>; without <paramref name="quoteText"/> the error names positions only (for secret keys).</summary>
    internal static bool TryDecode(string text, out byte[] bytes, out string error, bool quoteText)
    {
        bytes = [];
        if (text.Length % 5 != 0)
        {
            error = $"Z85 text has {text.Length} characters, not a multiple of 5.";
            return false;
        }
        var result = new byte[text.Length / 5 * 4];
        for (int i = 0, o = 0; i < text.Length; i += 5, o += 4)
        {
            ulong value = 0;
            for (var j = 0; j < 5; j++)
            {
                var c = text[i + j];
                var digit = c < 128 ? Values[c] : -1;
                if (digit < 0)
                {
                    error = quoteText
                        ? $"Z85 text has '{c}' at position {i + j + 1}, which is not in the Z85 alphabet."
                        : $"Z85 text has a character at position {i + j + 1} that is not in the Z85 alphabet.";
                    return false;
                }
                value = value * 85 + (ulong)digit;
            }
            if (value > uint.MaxValue)
            {
                error = quoteText
                    ? $"Z85 group '{text.Substring(i, 5)}' at position {i + 1} is out of range."
                    : $"Z85 group of characters {i + 1}-{i + 5} is out of range.";
                return false;
            }
            result[o] = (byte)(value >> 24);
            result[o + 1] = (byte)(value >> 16);
            result[o + 2] = (byte)(value >> 8);
            result[o + 3] = (byte)value;
        }
        bytes = result;
        error = "";
        return true;
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) values[Alphabet[i]] = (sbyte)i;
        return values;
    }
}
