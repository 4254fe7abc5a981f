using System.Reflection;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>
/// A <see cref="FlatProperty"/> of a <typeparamref name="TValue"/> (double, float, long, int, bool or string) read
/// from a <typeparamref name="TOwner"/>, written as the serializer writes it with the same options: floats as the
/// library's Python floats (<see cref="PythonFloats"/>) where the options have them, else as the built-in converter.
/// </summary>
internal sealed class TypedFlatProperty<TOwner, TValue> : FlatProperty where TOwner : class
{
    private readonly Func<TOwner, TValue> _get;
    private readonly bool _namedFloats;
    private readonly bool _pythonFloats;

    public TypedFlatProperty(MethodInfo getter, JsonEncodedText name, bool namedFloats, bool pythonFloats) : base(name)
    {
        _get = getter.CreateDelegate<Func<TOwner, TValue>>();
        _namedFloats = namedFloats;
        _pythonFloats = pythonFloats;
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
        if (_pythonFloats) PythonFloats.Write(writer, value, _namedFloats);
        else if (double.IsFinite(value) || !_namedFloats) writer.WriteNumberValue(value);
        else PythonFloats.WriteNamed(writer, value);
    }

    private void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (_pythonFloats) PythonFloats.Write(writer, value, _namedFloats);
        else if (float.IsFinite(value) || !_namedFloats) writer.WriteNumberValue(value);
        else PythonFloats.WriteNamed(writer, value);
    }
}
