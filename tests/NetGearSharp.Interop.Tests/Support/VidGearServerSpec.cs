using System.Globalization;

namespace NetGearSharp.Interop.Tests.Support;

/// <summary>
/// One real VidGear server process (Python/vidgear_server.py): <see cref="Frames"/> test frames of this dtype and shape,
/// messages <see cref="JsonMessages.All"/> cycled (or none), raw or JPEG, ending with its goodbye or with kill -9.
/// </summary>
public sealed record VidGearServerSpec(int Port, string Dtype, int[] Shape, int Frames, bool Jpeg, bool Messages, bool Crash)
{
    public ElementType Type => Dtype == "uint16" ? ElementType.UInt16 : ElementType.UInt8;

    /// <summary>The message VidGear sends with frame n (null: none).</summary>
    public string? MessageJson(int n) => Messages && JsonMessages.All[n % JsonMessages.All.Count] is var m && m != "null" ? m : null;

    /// <summary>Starts the process; it waits for <paramref name="goFile"/> before its first frame.</summary>
    public PythonPeer Start(NetGearPattern pattern, string goFile)
    {
        var pubsub = pattern == NetGearPattern.PubSub;
        return PythonPeer.Start("vidgear_server.py", TimeSpan.FromSeconds(150),
            "--pattern", ((int)pattern).ToString(CultureInfo.InvariantCulture),
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--frames", Frames.ToString(CultureInfo.InvariantCulture),
            "--shape", string.Join(',', Shape),
            "--dtype", Dtype,
            "--jpeg", Jpeg ? "1" : "0",
            "--messages", Messages ? JsonMessages.AsJsonArray : "[]",
            // Publish/Subscribe drops what a slow reader misses (VidGear's send high-water mark is 1, and it cannot wait
            // for room): pace it, gently, as a loaded 2-core machine can stall a reader for a moment; and
            // VidGear's publisher loses what it sends before the subscription is in (its slow joiner): a short delay.
            "--fps", pubsub ? "15" : "0",
            "--delay", pubsub ? "1.5" : "0",
            // ... and its close() (linger 0) or a kill -9 right after the last send loses what is still queued.
            "--settle", pubsub ? "0.5" : "0",
            "--go-file", goFile,
            "--end", Crash ? "crash" : "goodbye",
            "--timeout", "140");
    }
}
