using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Ending: when the client ends by itself (<see cref="NetGearClientOptions.AutoExit"/>,
/// <see cref="NetGearClientOptions.WaitForAllServers"/>, <see cref="NetGearClientOptions.WaitForFirstServer"/>,
/// <see cref="NetGearClientOptions.SubscriberTimeout"/>). The one implementation of the rule, for library users and
/// <c>netgear view</c> alike.
/// </summary>
internal sealed class EndRule
{
    private readonly ClientSettings _settings;
    private readonly long _startTicks;

    public EndRule(ClientSettings settings, long startTicks)
    {
        _settings = settings;
        _startTicks = startTicks;
    }

    /// <summary>Why the client ends now, or null to go on.</summary>
    public ClientEndReason? Check(ServerRegistry registry, long now)
    {
        var waitedFirst = _settings.WaitForFirstServer != Timeout.InfiniteTimeSpan && now - _startTicks >= _settings.WaitForFirstServer.Ticks;
        // Every listed server is awaited, until WaitForFirstServer has passed: then those that never came are given up.
        var everyListed = _settings.WaitForAllServers && !waitedFirst;
        if (_settings.AutoExit && registry.AllGone(everyListed)) return ClientEndReason.AllServersGone;
        if (waitedFirst && !registry.AnyEverActive) return ClientEndReason.NoServerInTime;
        if (_settings.SubscriberTimeout != Timeout.InfiniteTimeSpan && registry.LastFrameTicks is var last and > 0
            && now - last >= _settings.SubscriberTimeout.Ticks) return ClientEndReason.SubscriberTimeout;
        return null;
    }
}
