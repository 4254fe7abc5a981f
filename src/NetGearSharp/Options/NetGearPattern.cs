namespace NetGearSharp;

/// <summary>The ZeroMQ messaging pattern, numbered as VidGear numbers it (<c>pattern</c> option).</summary>
public enum NetGearPattern
{
    /// <summary>0: exclusive pair (one server, one client). Not allowed in multi-server mode.</summary>
    Pair = 0,
    /// <summary>1: request/reply. Every frame is acknowledged; nothing is lost; servers retry and reconnect.</summary>
    ReqRep = 1,
    /// <summary>2: publish/subscribe. Frames are not acknowledged; the client keeps the newest frame of each server.</summary>
    PubSub = 2,
}
