namespace NetGearSharp.Security;

/// <summary>
/// IronHouse's decision for one client: which public keys may connect on which port. A port with its own list accepts
/// only the keys on it (per-port identity); any other port accepts every key of the general allow-list.
/// Immutable and thread-safe; called on the ZAP handler's thread.
/// </summary>
internal sealed class ZapPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly Dictionary<string, HashSet<string>> _byPort;
    private readonly Action<string, string, string>? _refused;
    /// <summary>When a refusal of each port and key was last reported (a refused sender retries several times a second).</summary>
    private readonly Dictionary<(string Port, string Key), long> _reported = [];
    private static readonly long ReportInterval = TimeSpan.FromSeconds(10).Ticks;

    /// <param name="allowed">Public keys (Z85) allowed on every port without a list of its own.</param>
    /// <param name="byPort">Per port (its decimal text), the only public keys allowed on it.</param>
    /// <param name="refused">Called with the port, the refused key and why, on the handler's thread.</param>
    public ZapPolicy(IEnumerable<string> allowed, IReadOnlyDictionary<string, IReadOnlyCollection<string>> byPort,
        Action<string, string, string>? refused = null)
    {
        _allowed = new HashSet<string>(allowed, StringComparer.Ordinal);
        _byPort = byPort.ToDictionary(p => p.Key, p => new HashSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        _refused = refused;
    }

    /// <summary>Number of keys in the general allow-list.</summary>
    public int AllowedCount => _allowed.Count;

    /// <summary>The ports that have a list of their own.</summary>
    public IReadOnlyCollection<string> PortsWithOwnList => _byPort.Keys;

    /// <summary>
    /// Whether <paramref name="publicKey"/> may send on <paramref name="port"/>; reports a refusal (the first of each port
    /// and key, then at most one every 10 s).
    /// </summary>
    public bool Check(string port, string publicKey)
    {
        string? reason = null;
        if (_byPort.TryGetValue(port, out var own))
        {
            if (!own.Contains(publicKey))
                reason = _allowed.Contains(publicKey)
                    ? $"the key is allowed, but not on port {port} (port {port} accepts only its own {own.Count} key(s))"
                    : $"the key is not in port {port}'s list of {own.Count} key(s)";
        }
        else if (!_allowed.Contains(publicKey))
        {
            reason = $"the key is not in the allow-list ({_allowed.Count} key(s))";
        }
        if (reason is null) return true;
        var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        lock (_reported)
        {
            if (_reported.TryGetValue((port, publicKey), out var last) && now - last < ReportInterval) return false;
            if (_reported.Count >= 1024) _reported.Clear(); // many different keys: bounded memory, reports resume
            _reported[(port, publicKey)] = now;
        }
        try
        {
            _refused?.Invoke(port, publicKey, reason);
        }
        catch (Exception)
        {
            // A logging failure must not break authentication.
        }
        return false;
    }
}
