using System.Runtime.CompilerServices;

namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>
/// These tests play crashes, restarts and floods with NetMQ clients in a busy test host, like the netgear tool's own
/// process: they run with the library's process-wide tuning on, as the tool does (the unit tests run without it, and
/// tests/NetGearSharp.HostApp checks that nothing changes without it).
/// </summary>
internal static class ProcessSetup
{
    [ModuleInitializer]
    internal static void Apply() => NetGearProcessTuning.Apply();
}
