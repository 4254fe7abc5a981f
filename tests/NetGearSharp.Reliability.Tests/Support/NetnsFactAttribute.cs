namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>A fact that is skipped, with the reason, where network namespaces cannot be created (not root, no iproute2).</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (Netns.Unavailable is { } reason) Skip = "Skipped: " + reason;
    }
}
