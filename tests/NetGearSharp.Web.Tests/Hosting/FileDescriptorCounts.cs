namespace NetGearSharp.Web.Tests.Hosting;

/// <summary>Tests that count this process's open file descriptors: they run alone, so no other test opens any meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FileDescriptorCounts
{
    public const string Name = "file descriptor counts";
}
