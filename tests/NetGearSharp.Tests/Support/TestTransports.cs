namespace NetGearSharp.Tests.Support;

/// <summary>
/// Member data that runs a test once per transport: <c>[Theory, MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]</c>
/// with a <see cref="TransportKind"/> parameter passed to the server and client options. The library's default is
/// <see cref="TransportKind.Auto"/> (native here, where libzmq is installed), so tests that must cover NetMQ name it.
/// </summary>
public static class TestTransports
{
    /// <summary>Every transport: NetMQ and the native libzmq.</summary>
    public static IReadOnlyList<TransportKind> Kinds { get; } = [TransportKind.NetMq, TransportKind.Native];

    /// <summary>Every transport as theory data.</summary>
    public static IEnumerable<object[]> All => Kinds.Select(k => new object[] { k });

    /// <summary>Every (server transport, client transport) pair, for wire interoperability.</summary>
    public static TheoryData<TransportKind, TransportKind> Pairs => new()
    {
        { TransportKind.NetMq, TransportKind.NetMq },
        { TransportKind.Native, TransportKind.Native },
        { TransportKind.Native, TransportKind.NetMq },
        { TransportKind.NetMq, TransportKind.Native },
    };
}
