using NetGearSharp.Client;

namespace NetGearSharp.Tests.Support;

/// <summary>Envelopes told apart by a name in their first part (flow-control tests hold and release them).</summary>
internal static class TestEnvelopes
{
    public static Envelope Named(string name)
    {
        var envelope = new Envelope();
        envelope.TryAdd(System.Text.Encoding.UTF8.GetBytes(name));
        return envelope;
    }

    public static string Name(Envelope envelope) => System.Text.Encoding.UTF8.GetString(envelope[0]);
}
