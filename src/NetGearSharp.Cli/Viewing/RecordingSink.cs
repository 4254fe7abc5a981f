using NetGearSharp.OpenCv;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// Writes each packet to its server's video file; a port whose frames cannot be recorded is noted once and skipped, and
/// frames that are not images (1-D arrays, empty ones) are skipped, noted once per port, without stopping its video.
/// Nothing a frame holds can end the view: any failure (OpenCV assertions included) stops that port's recording only.
/// A file that cannot be opened (a full disk, a folder moved away: files open at every new segment) pauses the port's
/// recording, noted, and it is tried again with the port's frames after <see cref="RetryAfter"/>.
/// </summary>
internal sealed class RecordingSink : IDisposable
{
    private readonly StreamRecorder _recorder;
    private readonly Action<string> _note;
    private readonly HashSet<int> _failed = new();
    /// <summary>Ports whose file could not be opened: when (a frame's arrival) to try again.</summary>
    private readonly Dictionary<int, DateTimeOffset> _paused = new();

    /// <summary>How long a port's recording pauses after its file could not be opened.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    /// <summary>Ports told about once that their frames which are not images (1-D, empty ...) are skipped.</summary>
    private readonly HashSet<int> _skipping = new();

    /// <summary>
    /// Creates the directory and the recorder, and finishes the files a view before left unfinished there (killed, or the
    /// machine's power lost), saying which (<see cref="StreamRecorder.FinishUnfinished"/>).
    /// </summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="note">Says what the recording skips or stops.</param>
    /// <param name="segment">How long each file covers (<see cref="StreamRecorder"/>); null: one file per server.</param>
    public RecordingSink(string directory, Action<string> note, TimeSpan? segment = null)
    {
        _recorder = new StreamRecorder(directory, segmentLength: segment);
        _note = note;
        FinishUnfinished();
    }

    /// <summary>How often the folder is looked at again for files a view before left unfinished (one killed just now is finished only once quiet).</summary>
    private static readonly TimeSpan UnfinishedEvery = TimeSpan.FromMinutes(1);

    private long _unfinishedAt;

    private void FinishUnfinished()
    {
        _unfinishedAt = Environment.TickCount64;
        foreach (var (path, frames) in _recorder.FinishUnfinished())
            _note($"recording: finished {Path.GetFileName(path)} ({frames} frame{(frames == 1 ? "" : "s")}), which a view before left unfinished");
    }

    /// <summary>The recorder's directory.</summary>
    public string Directory => _recorder.Directory;

    /// <summary>The files written.</summary>
    public IReadOnlyCollection<string> Files => _recorder.Files;

    /// <summary>Appends the packet's frame (no copy: a Mat view over the frame) to its port's file.</summary>
    public void Write(NetGearPacket packet)
    {
        if (_failed.Contains(packet.Port)) return;
        if (_paused.TryGetValue(packet.Port, out var retryAt) && packet.ReceivedAt < retryAt) return;
        if (!packet.Frame.IsImage)
        {
            // Not a picture (a server may send 1-D scores, or an empty array): not recorded, and the port's video goes on.
            if (_skipping.Add(packet.Port))
                _note($"recording of port {packet.Port} skips its frames that are not images (this one: {packet.Frame.Description})");
            return;
        }
        try
        {
            if (DisplayColors.NeedsConversion(packet.JpegColorSpace))
            {
                using var converted = packet.ToDisplayMat(); // a JPEG in RGB, XRGB, CMYK ... recorded in its true colours
                _recorder.Write(packet.Port, converted, packet.ReceivedAt);
            }
            else
            {
                using var view = packet.AsMat();
                _recorder.Write(packet.Port, view.Mat, packet.ReceivedAt); // a replay from NATS keeps its original times
            }
            if (_paused.Remove(packet.Port)) _note($"recording of port {packet.Port} resumed");
        }
        catch (IOException ex)
        {
            // Said once; then tried again every RetryAfter, quietly, until it works.
            if (!_paused.ContainsKey(packet.Port))
                _note($"recording of port {packet.Port} paused: {ErrorText.OneLine(ex)}; trying again every {RetryAfter.TotalSeconds:0} s");
            _paused[packet.Port] = packet.ReceivedAt + RetryAfter;
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failed.Add(packet.Port);
            _note($"recording of port {packet.Port} stopped: {ErrorText.OneLine(ex)}");
        }
    }

    /// <summary>
    /// Finishes the files of servers that went quiet (<see cref="StreamRecorder.FinishQuiet"/>) and, every minute, the
    /// files a view before left unfinished in the folder (<see cref="StreamRecorder.FinishUnfinished"/>).
    /// </summary>
    public void FinishQuiet()
    {
        _recorder.FinishQuiet();
        if (Environment.TickCount64 - _unfinishedAt >= UnfinishedEvery.TotalMilliseconds) FinishUnfinished();
    }

    /// <summary>Closes the files.</summary>
    public void Dispose() => _recorder.Dispose();
}
