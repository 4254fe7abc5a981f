using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>What <see cref="MessageReader.Read"/> found.</summary>
internal enum ReceivedKind
{
    /// <summary>Nothing arrived in time.</summary>
    Nothing,
    /// <summary>A message that is not a valid frame or goodbye (counted and logged; answered if its sender waits).</summary>
    Malformed,
    /// <summary>A server's goodbye.</summary>
    Terminate,
    /// <summary>A frame: a valid header and its payload.</summary>
    Frame,
}
