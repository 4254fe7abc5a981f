namespace NetGearSharp.Client;

/// <summary>
/// Frames the client holds that the application has not taken yet (its receive queue). Flow control counts them with
/// the frames still on their way, so a consumer that falls behind holds servers back instead of the client's memory
/// growing with every server's queue.
/// </summary>
internal interface IUndeliveredFrames
{
    /// <summary>How many frames wait for the application.</summary>
    int UndeliveredCount { get; }

    /// <summary>The bytes of those frames (decoded size).</summary>
    long UndeliveredBytes { get; }
}
