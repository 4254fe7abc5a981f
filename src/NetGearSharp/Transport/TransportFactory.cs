namespace NetGearSharp.Transport;

/// <summary>Maps <see cref="TransportKind"/> to an implementation.</summary>
internal static class TransportFactory
{
    public static ITransport Get(TransportKind kind) => kind switch
    {
        TransportKind.NetMq => NetMq.NetMqTransport.Instance,
        TransportKind.Native => throw new NotSupportedException("The native libzmq transport is not built yet; use TransportKind.NetMq."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Allowed: NetMq, Native."),
    };
}
