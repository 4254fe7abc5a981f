namespace NetGearSharp.Web.Tests.Hosting;

/// <summary>Tests that send a signal to this test process: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessSignals
{
    public const string Name = "process signals";
}
