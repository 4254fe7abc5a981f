using System.Reflection;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>
/// A <see cref="FlatProperty"/> of a <typeparamref name="TValue"/> (double, float, long, int, bool or string) read
/// from a <typeparamref name="TOwner"/>, written as the serializer's built-in converter for that type writes it.
/// </summary>
internal sealed class TypedFlatProperty<TOwner, TValue> : FlatProperty where TOwner : class
{
    private static readonly JsonEncodedText NaN = JsonEncodedText.Encode("NaN");
    private static readonly JsonEncodedText PositiveInfinity = JsonEncodedText.Encode("Infinity");
    private static readonly JsonEncodedText NegativeInfinity = JsonEncodedText.Encode("-Infinity");
    private readonly Func<TOwner, TValue> _get;
    private readonly bool _namedFloats;

    public TypedFlatProperty(MethodInfo getter, JsonEncodedText name, bool namedFloats) : base(name)
    {
        _get = getter.CreateDelegate<Func<TOwner, TValue>>();
        _namedFloats = namedFloats;
    }

    public override void Write(Utf8JsonWriter writer, object owner)
    {
        var value = _get((TOwner)owner);
        writer.WritePropertyName(Name);
        if (typeof(TValue) == typeof(double)) WriteDouble(writer, (double)(object)value!);
        else if (typeof(TValue) == typeof(float)) WriteSingle(writer, (float)(object)value!);
        else if (typeof(TValue) == typeof(long)) writer.WriteNumberValue((long)(object)value!);
        else if (typeof(TValue) == typeof(int)) writer.WriteNumberValue((int)(object)value!);
        else if (typeof(TValue) == typeof(bool)) writer.WriteBooleanValue((bool)(object)value!);
        else writer.WriteStringValue((string?)(object?)value); // null is written as null, as the serializer does
    }

    private void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value) || !_namedFloats) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? NaN : value > 0 ? PositiveInfinity : NegativeInfinity);
    }

    private void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value) || !_namedFloats) writer.WriteNumberValue(value);
        else writer.WriteStringValue(float.IsNaN(value) ? NaN : value > 0 ? PositiveInfinity : NegativeInfinity);
    }
}
