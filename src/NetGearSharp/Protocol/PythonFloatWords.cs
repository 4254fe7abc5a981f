using System.Buffers;

namespace NetGearSharp.Protocol;

/// <summary>
/// Python's <c>json</c> module (VidGear's <c>send_json</c>, pyzmq) writes a float that is not a number as a bare word,
/// <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>, which JSON does not have and <see cref="System.Text.Json"/> refuses.
/// <see cref="TryQuote"/> turns each such word outside strings into the JSON string of the same text (<c>"NaN"</c>),
/// which the library's message options read back as the float (<see cref="NetGearMessageJson.CreateOptions"/>) and
/// which is what the library itself writes for such values.
/// </summary>
internal static class PythonFloatWords
{
    private static ReadOnlySpan<byte> NaN => "NaN"u8;
    private static ReadOnlySpan<byte> Infinity => "Infinity"u8;
    private static ReadOnlySpan<byte> NegativeInfinity => "-Infinity"u8;

    /// <summary>
    /// Whether <paramref name="json"/> has a bare <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c> where a value goes;
    /// if so, <paramref name="quoted"/> is the same JSON with each of them in quotes. Anything else is left as it is
    /// (a parser still says what is wrong with it).
    /// </summary>
    public static bool TryQuote(ReadOnlySpan<byte> json, out byte[] quoted)
    {
        quoted = [];
        ArrayBufferWriter<byte>? output = null;
        var copiedUpTo = 0;
        var inString = false;
        var lastSignificant = (byte)0;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\') i++;
                else if (b == (byte)'"') inString = false;
                continue;
            }
            if (b == (byte)'"')
            {
                inString = true;
                lastSignificant = b;
                continue;
            }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            var word = lastSignificant is (byte)':' or (byte)'[' or (byte)',' or 0 ? WordAt(json, i) : 0;
            if (word > 0)
            {
                output ??= new ArrayBufferWriter<byte>(json.Length + 16);
                output.Write(json[copiedUpTo..i]);
                output.Write("\""u8);
                output.Write(json.Slice(i, word));
                output.Write("\""u8);
                copiedUpTo = i + word;
                i += word - 1;
                lastSignificant = (byte)'"';
                continue;
            }
            lastSignificant = b;
        }
        if (output is null) return false;
        output.Write(json[copiedUpTo..]);
        quoted = output.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>The length of the float word that starts at <paramref name="i"/> and ends there (0: none).</summary>
    private static int WordAt(ReadOnlySpan<byte> json, int i)
    {
        var rest = json[i..];
        var length = rest.StartsWith(NaN) ? NaN.Length
            : rest.StartsWith(Infinity) ? Infinity.Length
            : rest.StartsWith(NegativeInfinity) ? NegativeInfinity.Length
            : 0;
        if (length == 0 || length == rest.Length) return length;
        return rest[length] is (byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' ? length : 0;
    }
}
