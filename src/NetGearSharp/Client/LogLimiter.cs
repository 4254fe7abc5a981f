using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;

namespace NetGearSharp.Client;

/// <summary>Logs each kind of malformed input once, then at most once per interval with the count since.</summary>
internal sealed class LogLimiter
{
    private readonly ILogger _logger;
    private readonly long _intervalTicks;
    private readonly Dictionary<MalformedKind, (long LastTicks, long Suppressed)> _state = [];

    public LogLimiter(ILogger logger, TimeSpan interval)
    {
        _logger = logger;
        _intervalTicks = interval.Ticks;
    }

    public void Malformed(MalformedKind kind, int? port, string? reason, long now)
    {
        if (_state.TryGetValue(kind, out var s) && now - s.LastTicks < _intervalTicks)
        {
            _state[kind] = (s.LastTicks, s.Suppressed + 1);
            return;
        }
        _state[kind] = (now, 0);
        _logger.MalformedMessageDropped(kind, port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown sender", reason ?? "", s.Suppressed > 0 ? $" ({s.Suppressed} more of this kind since the last report)" : "");
    }
}
