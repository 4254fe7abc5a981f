using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// A transport our side of the suite runs on: <c>default</c> (whatever the library picks when none is named: the
/// bench is given no <c>--transport</c>) or a named one (<c>netmq</c>, <c>native</c>).
/// </summary>
internal sealed record SuiteTransport(string Name, TransportKind? Kind)
{
    /// <summary>The library's default.</summary>
    public static SuiteTransport Default { get; } = new("default", null);

    /// <summary>The settings' transport: the named one, or the settings' own default.</summary>
    public BenchSettings Apply(BenchSettings settings) => Kind is { } kind ? settings with { Transport = kind } : settings;

    /// <summary>Parses <c>default</c>, <c>netmq</c> or <c>native</c>.</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static SuiteTransport Parse(string text) => string.Equals(text.Trim(), "default", StringComparison.OrdinalIgnoreCase)
        ? Default
        : new SuiteTransport(text.Trim().ToLowerInvariant(), BenchArguments.ParseTransport(text.Trim()));
}
