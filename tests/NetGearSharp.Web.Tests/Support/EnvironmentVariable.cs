namespace NetGearSharp.Web.Tests.Support;

/// <summary>
/// Sets a process-wide environment variable until disposed, then puts back what it was (a test that uses it runs in a
/// collection of its own: no other test sees the value).
/// </summary>
public sealed class EnvironmentVariable : IDisposable
{
    private readonly string _name;
    private readonly string? _before;

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public EnvironmentVariable(string name, string? value)
    {
        _name = name;
        _before = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>Puts back the value from before.</summary>
    public void Dispose() => Environment.SetEnvironmentVariable(_name, _before);
}
