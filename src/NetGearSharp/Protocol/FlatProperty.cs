using System.Reflection;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>One property of a <see cref="FlatMessageWriter"/>: its encoded name and a getter bound to its owner's type.</summary>
internal abstract class FlatProperty
{
    /// <param name="name">The property's JSON name, encoded with the options' encoder.</param>
    protected FlatProperty(JsonEncodedText name) => Name = name;

    /// <summary>The property's JSON name, encoded as the serializer encodes it.</summary>
    protected JsonEncodedText Name { get; }

    /// <summary>Writes the property's name and value.</summary>
    public abstract void Write(Utf8JsonWriter writer, object owner);

    /// <summary>The property of <paramref name="owner"/> read by <paramref name="getter"/>, or null when its type is not one written here.</summary>
    /// <param name="owner">The class the property is read from.</param>
    /// <param name="getter">The property's getter.</param>
    /// <param name="name">The property's encoded JSON name.</param>
    /// <param name="namedFloats">Whether NaN and the infinities are written as strings (<c>"NaN"</c>), as the options say.</param>
    /// <param name="pythonFloats">Whether whole floats are written with a decimal point, as the options' converters do (<see cref="PythonFloats"/>).</param>
    public static FlatProperty? For(Type owner, MethodInfo getter, JsonEncodedText name, bool namedFloats, bool pythonFloats)
    {
        var type = getter.ReturnType;
        if (type != typeof(double) && type != typeof(float) && type != typeof(long) && type != typeof(int)
            && type != typeof(bool) && type != typeof(string))
            return null;
        var typed = typeof(TypedFlatProperty<,>).MakeGenericType(owner, type);
        return (FlatProperty)Activator.CreateInstance(typed, getter, name, namedFloats, pythonFloats)!;
    }
}
