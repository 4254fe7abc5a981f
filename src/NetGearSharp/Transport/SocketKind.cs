namespace NetGearSharp.Transport;

/// <summary>The ZeroMQ socket types the library uses.</summary>
public enum SocketKind
{
    /// <summary>ZMQ_PAIR: one peer, messages both ways (NetGear's Pair pattern).</summary>
    Pair,
    /// <summary>ZMQ_REQ: strict request then reply.</summary>
    Req,
    /// <summary>ZMQ_REP: strict receive then reply.</summary>
    Rep,
    /// <summary>ZMQ_ROUTER: many peers; each received message starts with the sender's routing identity (the Request/Reply client).</summary>
    Router,
    /// <summary>ZMQ_DEALER: sends to and receives from peers without the REQ lock-step (the Request/Reply server, framed as a REQ).</summary>
    Dealer,
    /// <summary>ZMQ_PUB: publishes to every subscriber (the Publish/Subscribe server).</summary>
    Pub,
    /// <summary>ZMQ_SUB: receives what it subscribed to (the Publish/Subscribe client).</summary>
    Sub,
}
