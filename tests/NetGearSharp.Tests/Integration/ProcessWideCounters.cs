namespace NetGearSharp.Tests.Integration;

/// <summary>
/// Tests that read a process-wide counter (libzmq memory taken over by frames, <c>ZmqPartOwner.LiveBytes</c>) run
/// alone: the other tests' clients would otherwise add to it while it is checked.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCounters
{
    public const string Name = "process-wide counters";
}
