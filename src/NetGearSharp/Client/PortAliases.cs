using System.Collections.Frozen;
using NetGearSharp.Transport;

namespace NetGearSharp.Client;

/// <summary>
/// The ports servers name in their headers that a port forward has changed, each mapped to the client's port its
/// connections arrive on (<see cref="NetGearClientOptions.ForwardedPorts"/>). Applied where a header's port is read, so
/// that everything after it (the server's identity, the check that a header speaks for its own port, goodbyes) sees
/// the client's port.
/// </summary>
internal sealed class PortAliases
{
    private readonly FrozenDictionary<int, int> _map;

    private PortAliases(FrozenDictionary<int, int> map) => _map = map;

    /// <summary>No port forwarded: every port is read as named.</summary>
    public static PortAliases None { get; } = new(FrozenDictionary<int, int>.Empty);

    /// <summary>Whether any port is mapped.</summary>
    public bool Any => _map.Count > 0;

    /// <summary>
    /// Validates <paramref name="forwarded"/> against the client's <paramref name="ports"/>: each key 1-65535 and not
    /// itself one of the ports, each value one of the ports and named by one key only.
    /// </summary>
    public static PortAliases From(IReadOnlyDictionary<int, int>? forwarded, IReadOnlyCollection<int> ports, bool multiServer, string optionName)
    {
        if (forwarded is not { Count: > 0 }) return None;
        if (!multiServer)
            throw new ArgumentException($"{optionName} is for multi-server mode, where a header names its server's port; a single-server client reads no port from headers.", optionName);
        var targets = new HashSet<int>();
        foreach (var (named, port) in forwarded)
        {
            Validate.Port(named, optionName);
            if (ports.Contains(named))
                throw new ArgumentException($"{optionName} maps port {named}, which is itself in Ports [{string.Join(", ", ports)}]; a forwarded port is one the servers name that the client does not listen on.", optionName);
            if (!ports.Contains(port))
                throw new ArgumentException($"{optionName} maps port {named} to {port}, which is not in Ports [{string.Join(", ", ports)}]; map it to the client's port its connections arrive on.", optionName);
            if (!targets.Add(port))
                throw new ArgumentException($"{optionName} maps two ports to port {port}; a port is one server's, so one forwarded port may name it.", optionName);
        }
        return new PortAliases(forwarded.ToFrozenDictionary());
    }

    /// <summary>The client's port for a port a header names (itself when it is not forwarded).</summary>
    public int? Resolve(int? named) => named is { } port && _map.TryGetValue(port, out var mapped) ? mapped : named;

    /// <summary>A reader of headers' ports that maps forwarded ones (the reader itself when none is).</summary>
    public HeaderPortReader? Wrap(HeaderPortReader? reader)
        => reader is null || !Any ? reader : json => Resolve(reader(json));
}
