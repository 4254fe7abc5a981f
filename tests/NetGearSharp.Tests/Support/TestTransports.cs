namespace NetGearSharp.Tests.Support;

/// <summary>The transports the behaviour tests run against.</summary>
public static class TestTransports
{
    public static IEnumerable<object[]> All => Kinds.Select(k => new object[] { k });

    public static IReadOnlyList<TransportKind> Kinds { get; } = [TransportKind.NetMq];
}
