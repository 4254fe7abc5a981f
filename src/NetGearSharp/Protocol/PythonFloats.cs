using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>
/// Writes floating-point numbers as Python's <c>json.dumps</c> does where it matters to a Python peer: a whole number
/// keeps a decimal point (<c>3.0</c>, not <c>3</c>, which Python reads as an <c>int</c>). Otherwise the text is the
/// serializer's own (the shortest that round-trips: <c>21.5</c>, <c>1E+17</c>). NaN and the infinities are the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> when the options allow named floats, as the serializer writes
/// them (a Python peer gets the string; <see cref="PythonFloatWords"/> reads Python's bare words back).
/// </summary>
internal static class PythonFloats
{
    private static readonly JsonEncodedText NaN = JsonEncodedText.Encode("NaN");
    private static readonly JsonEncodedText PositiveInfinity = JsonEncodedText.Encode("Infinity");
    private static readonly JsonEncodedText NegativeInfinity = JsonEncodedText.Encode("-Infinity");

    /// <summary>Writes <paramref name="value"/> as a JSON value (after a property name, or in an array).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The number.</param>
    /// <param name="namedFloats">Whether NaN and the infinities may be written (as strings); if not, writing one throws
    /// the serializer's <see cref="ArgumentException"/>.</param>
    public static void Write<T>(Utf8JsonWriter writer, T value, bool namedFloats)
        where T : struct, IFloatingPointIeee754<T>, IUtf8SpanFormattable
    {
        if (!T.IsFinite(value))
        {
            if (!namedFloats) writer.WriteNumberValue(double.CreateTruncating(value)); // throws, as the serializer does
            else WriteNamed(writer, value);
            return;
        }
        if (!T.IsInteger(value))
        {
            // A fraction is written as the serializer writes it (the usual case, e.g. a time stamp: no text to look at).
            if (typeof(T) == typeof(double)) { writer.WriteNumberValue(Unsafe.As<T, double>(ref value)); return; }
            if (typeof(T) == typeof(float)) { writer.WriteNumberValue(Unsafe.As<T, float>(ref value)); return; }
        }
        // The shortest round-trip text is at most 25 bytes for a double ("-1.2345678901234567E-308"); room for ".0".
        Span<byte> text = stackalloc byte[32];
        if (!value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"The number {value} did not fit {text.Length} bytes.");
        if (IsWhole(text[..length]))
        {
            text[length++] = (byte)'.';
            text[length++] = (byte)'0';
        }
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>Writes NaN or an infinity as the string the serializer writes for it with named floats (<c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>).</summary>
    public static void WriteNamed<T>(Utf8JsonWriter writer, T value) where T : struct, IFloatingPointIeee754<T>
        => writer.WriteStringValue(T.IsNaN(value) ? NaN : T.IsPositive(value) ? PositiveInfinity : NegativeInfinity);

    /// <summary>Whether the number's text is only a sign and digits (no point, no exponent).</summary>
    private static bool IsWhole(ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-')) return false;
        }
        return true;
    }
}
