namespace NetGearSharp.Transport;

/// <summary>The ZeroMQ socket types the library uses.</summary>
internal enum SocketKind
{
    Pair,
    Req,
    Rep,
    Router,
    Dealer,
    Pub,
    Sub,
}
