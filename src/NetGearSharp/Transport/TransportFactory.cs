namespace NetGearSharp.Transport;

/// <summary>Maps <see cref="TransportKind"/> to an implementation.</summary>
internal static class TransportFactory
{
    public static ITransport Get(TransportKind kind) => kind switch
    {
        TransportKind.NetMq => NetMq.NetMqTransport.Instance,
        TransportKind.Native => Native.NativeTransport.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Allowed: NetMq, Native."),
    };
}
