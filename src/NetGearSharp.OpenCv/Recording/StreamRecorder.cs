using System.Globalization;
using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Writes each server's frames to video files of its own, <c>DIR/netgear-PORT-yyyyMMddTHHmmssZ.avi</c> (Motion-JPEG,
/// which OpenCV writes without FFmpeg; named by the UTC time of the file's first frame, so a later recording never
/// overwrites an earlier one). A port's file is finished and a new one started at its next frame when the file
/// reaches <see cref="MaxFileBytes"/> (an AVI's index cannot address more), when its frames stopped for a while
/// (<see cref="GapLength"/>), and, with a segment length, after that long: a finished file can be copied away while the
/// recording goes on. A file's size is fixed by its first frame; later frames of another size are resized. Unless a
/// rate is given, each file's header gets the rate its frames came at, from the times they arrived (<see
/// cref="Write(int, Mat, DateTimeOffset)"/>; a recorded replay keeps the original times), written when the file is
/// finished, so a 10 frames/s camera plays back at its own speed.
/// </summary>
public sealed class StreamRecorder : IDisposable
{
    private readonly Dictionary<int, Segment> _open = new();
    private readonly List<string> _files = new();
    /// <summary>The rate every file gets; null: each file's own, measured.</summary>
    private readonly double? _fps;
    private readonly TimeSpan? _segment;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Creates the directory if needed.</summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="framesPerSecond">The rate written into every file's header; null (the default): each file gets the
    /// rate its frames arrived at, from its first frame to its last (<see cref="DefaultFramesPerSecond"/> while it is
    /// open, and for a file of one frame).</param>
    /// <param name="segmentLength">How long each file covers before the port's next frame starts a new one; null (the
    /// default): one file per port for as long as the recorder lives. At least one second.</param>
    /// <param name="timeProvider">The clock for frames written without their time; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="framesPerSecond"/> is not above 0 and at most <see cref="MaxFramesPerSecond"/>, or <paramref name="segmentLength"/> is under one second.</exception>
    public StreamRecorder(string directory, double? framesPerSecond = null, TimeSpan? segmentLength = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (framesPerSecond is { } fps && !(fps > 0 && fps <= MaxFramesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), fps, $"{fps} frames per second is not allowed; give more than 0 and at most {MaxFramesPerSecond}, or null for each file's measured rate.");
        if (segmentLength is { } length && length < MinSegmentLength)
            throw new ArgumentOutOfRangeException(nameof(segmentLength), length, $"a segment length of {length} is too short; give at least {MinSegmentLength.TotalSeconds:0} s, or null for one file per port.");
        _time = timeProvider ?? TimeProvider.System;
        _segment = segmentLength;
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        _fps = framesPerSecond;
    }

    /// <summary>The rate in a file's header while it is open, when the rate is measured.</summary>
    public const double DefaultFramesPerSecond = 30;

    /// <summary>The highest rate a header takes.</summary>
    public const double MaxFramesPerSecond = 1000;

    /// <summary>The most bytes a file grows to before the port's next frame starts a new one: 1 GiB (an AVI's index holds 32-bit offsets).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>The file size at which a new file starts (<see cref="MaxFileBytes"/>; tests set less).</summary>
    internal long FileBytesLimit { get; init; } = MaxFileBytes;

    /// <summary>
    /// A pause in a port's frames after which its next frame starts a new file: 10 s, or 10 times the file's mean frame
    /// interval when that is longer (a slow camera). An AVI plays its frames evenly spaced: a pause kept inside one file
    /// would slow all of it down.
    /// </summary>
    public static TimeSpan GapLength { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest segment length allowed: one second.</summary>
    public static TimeSpan MinSegmentLength { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The directory written to.</summary>
    public string Directory { get; }

    /// <summary>The file a port's frames are written to now, or null when none is open for it (no frame yet, or refused).</summary>
    public string? PathFor(int port)
    {
        lock (_gate) return _open.TryGetValue(port, out var segment) ? segment.Path : null;
    }

    /// <summary>Every file started so far, finished or not, in the order they were started.</summary>
    public IReadOnlyCollection<string> Files
    {
        get { lock (_gate) return _files.ToArray(); }
    }

    /// <summary>
    /// Finishes the recordings in <see cref="Directory"/> (<c>netgear-*.avi</c>) that a recorder before this one left
    /// unfinished because its process was killed or the machine lost power: such a file has no index and no frame count
    /// (players that need them show an empty or unseekable video). Each gets its whole frames (a last one cut short is
    /// dropped), their index and count, and, for one named by its start time, a rate from that time to the file's last
    /// write. A file another recorder is writing now (this process's or another's) is left alone: a recorder holds a lock
    /// on each file it writes, and a file written in the last <see cref="UnfinishedQuietFor"/> is not touched (a writer
    /// that takes no lock); where the file system keeps no locks nothing is finished. Call it before recording, and now
    /// and then (the tool does every minute, saying which files it finished); a file found finished is not read again.
    /// </summary>
    /// <returns>The files finished, each with the frames it holds.</returns>
    public IReadOnlyList<(string Path, int Frames)> FinishUnfinished()
    {
        var finished = new List<(string, int)>();
        if (!LocksHold()) return finished;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "netgear-*.avi").Order(StringComparer.Ordinal))
        {
            lock (_gate)
            {
                if (_settled.Contains(path) || _open.Values.Any(segment => segment.Path == path)) continue;
            }
            try
            {
                var lastWrite = File.GetLastWriteTimeUtc(path);
                if (DateTime.UtcNow - lastWrite < UnfinishedQuietFor) continue;
                int? frames;
                // Exclusive: a file a recorder writes now is locked (shared) by it, and this open fails.
                using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    frames = AviRepair.TryFinish(file);
                lock (_gate) _settled.Add(path); // finished now, or not an unfinished recording: not read again
                if (frames is not { } count) continue;
                if (StartOf(path) is { } started && count >= 2 && lastWrite > started)
                    AviFrameRate.Set(path, Math.Clamp((count - 1) / (lastWrite - started).TotalSeconds, 0.001, MaxFramesPerSecond));
                File.SetLastWriteTimeUtc(path, lastWrite);
                finished.Add((path, count));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Being written (locked), or unreadable: left as it is.
            }
        }
        return finished;
    }

    /// <summary>How long an unfinished file must have been left unwritten before <see cref="FinishUnfinished"/> finishes it.</summary>
    public static TimeSpan UnfinishedQuietFor { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Files <see cref="FinishUnfinished"/> found finished (or not unfinished recordings): not read again.</summary>
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);

    /// <summary>Whether this folder's file system keeps .NET's file locks (a second exclusive open fails), once per recorder.</summary>
    private bool LocksHold()
    {
        if (_locksHold is { } known) return known;
        var probe = System.IO.Path.Combine(Directory, $".netgear-lock-probe-{Guid.NewGuid():N}");
        try
        {
            using var first = new FileStream(probe, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            try
            {
                using var second = new FileStream(probe, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                _locksHold = false;
            }
            catch (IOException)
            {
                _locksHold = true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _locksHold = false;
        }
        return _locksHold.Value;
    }

    private bool? _locksHold;

    /// <summary>The UTC time a file's name gives its first frame (<c>netgear-PORT-yyyyMMddTHHmmssZ[_NN].avi</c>); null for another name.</summary>
    private static DateTime? StartOf(string path)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(path);
        var dash = stem.LastIndexOf('-');
        if (dash < 0) return null;
        var time = stem[(dash + 1)..];
        if (time.IndexOf('_') is var suffix and >= 0) time = time[..suffix];
        return DateTime.TryParseExact(time, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var started) ? started : null;
    }

    /// <summary>Appends a frame (8-bit, 1, 3 or 4 channels) that arrived now to the port's file (<see cref="Write(int, Mat, DateTimeOffset)"/>).</summary>
    /// <exception cref="ArgumentException">
    /// The image is not uint8 with 1 (grey), 3 (BGR) or 4 (BGRA) channels, or is empty; refused before the port's file is
    /// made. The message names the port, the channels and the element type.
    /// </exception>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public void Write(int port, Mat image) => Write(port, image, _time.GetUtcNow());

    /// <summary>
    /// Appends a frame (8-bit, 1, 3 or 4 channels) that arrived at <paramref name="arrivedAt"/> (a packet's
    /// <c>ReceivedAt</c>) to the port's file, first starting a new file when the file is full, the frames paused or the
    /// segment is over. The times set the files' names, segments and rates.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The image is not uint8 with 1 (grey), 3 (BGR) or 4 (BGRA) channels, or is empty; refused before the port's file is
    /// made. The message names the port, the channels and the element type.
    /// </exception>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public void Write(int port, Mat image, DateTimeOffset arrivedAt)
    {
        ArgumentNullException.ThrowIfNull(image);
        var channels = image.Channels();
        if (image.Depth() != MatType.CV_8U || channels is not (1 or 3 or 4))
            throw new ArgumentException(
                $"Cannot record port {port}: its image has {channels} channels of {ElementTypeName(image.Depth())}; a video holds uint8 images of 1, 3 or 4 channels (grey, BGR, BGRA).",
                nameof(image));
        if (image.Empty() || image.Dims != 2)
            throw new ArgumentException($"Cannot record port {port}: its image is empty or not 2-D ({image.Dims} dimensions, {image.Rows}x{image.Cols}).", nameof(image));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = arrivedAt.UtcTicks;
            if (_open.TryGetValue(port, out var segment) && Ends(segment, now))
            {
                _open.Remove(port);
                Finish(segment); // before the next one starts: a finished file can be copied away at once
                segment = null;
            }
            if (segment is null)
            {
                segment = Open(port, image.Size(), arrivedAt);
                _open[port] = segment;
                _files.Add(segment.Path);
            }
            using var bgr = ToBgr(image, segment.Writer.FrameSize);
            segment.Writer.Write(bgr);
            segment.Frames++;
            segment.Last = now;
            segment.WrittenAt = _time.GetUtcNow().UtcTicks;
        }
    }

    /// <summary>Whether a frame at <paramref name="now"/> (UTC ticks) starts a new file: this one is full, its frames paused, or its segment is over.</summary>
    private bool Ends(Segment segment, long now)
    {
        if (segment.Frames > 0 && segment.Frames % 16 == 0 && new FileInfo(segment.Path) is { Exists: true } file && file.Length >= FileBytesLimit) return true;
        if (now - segment.Last > Gap(segment)) return true;
        return _segment is { } length && now - segment.Started >= length.Ticks;
    }

    /// <summary>The pause (ticks) after which a file's port starts a new one: <see cref="GapLength"/>, or 10 times its mean frame interval when longer.</summary>
    private static long Gap(Segment segment)
        => segment.Frames >= 2 ? Math.Max(GapLength.Ticks, 10 * (segment.Last - segment.Started) / (segment.Frames - 1)) : GapLength.Ticks;

    /// <summary>
    /// Finishes the files of ports that have written nothing for their pause (<see cref="GapLength"/>, by this recorder's
    /// clock): a server that went quiet leaves a finished file (its index and rate written, ready to copy or play)
    /// instead of one open until its next frame or the end. Its next frame starts a new file, as it would after the pause.
    /// Call it now and then (the tool does every second).
    /// </summary>
    /// <returns>How many files were finished.</returns>
    public int FinishQuiet()
    {
        lock (_gate)
        {
            if (_disposed) return 0;
            var now = _time.GetUtcNow().UtcTicks;
            var quiet = _open.Where(entry => now - entry.Value.WrittenAt > Gap(entry.Value)).ToList();
            foreach (var (port, segment) in quiet)
            {
                _open.Remove(port);
                Finish(segment);
            }
            return quiet.Count;
        }
    }

    /// <summary>Finishes a file (its index), then gives its header the rate its frames came at, unless a rate was given.</summary>
    private void Finish(Segment segment)
    {
        try
        {
            segment.Writer.Dispose();
        }
        finally
        {
            segment.Lock.Dispose();
        }
        if (_fps is not null || segment.Frames < 2 || segment.Last <= segment.Started) return;
        var seconds = TimeSpan.FromTicks(segment.Last - segment.Started).TotalSeconds;
        var rate = Math.Clamp((segment.Frames - 1) / seconds, 0.001, MaxFramesPerSecond);
        try
        {
            AviFrameRate.Set(segment.Path, rate);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file stays as written, at the default rate (moved or locked away already).
        }
    }

    /// <summary>The NumPy name of an OpenCV depth (<c>uint16</c> ...), or the OpenCV code when it has none.</summary>
    private static string ElementTypeName(int depth)
    {
        try
        {
            return MatDepths.ToElementType(depth).WireName();
        }
        catch (ArgumentException)
        {
            return $"OpenCV depth {depth}";
        }
    }

    private Segment Open(int port, Size size, DateTimeOffset firstFrame)
    {
        var path = NewPath(port, firstFrame);
        var writer = new VideoWriter(path, FourCC.MJPG, _fps ?? DefaultFramesPerSecond, size, isColor: true);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            throw new IOException($"Cannot open '{path}' for writing a Motion-JPEG video.");
        }
        try
        {
            return new Segment(writer, path, firstFrame.UtcTicks);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>netgear-PORT-yyyyMMddTHHmmssZ.avi</c> by the time of the file's first frame (UTC), with <c>_02</c>, <c>_03</c> ...
    /// before the extension when a file of that name exists already (two files started within one second, another
    /// recording in the folder). Sorted by name, a port's files come in the order they started: <c>_</c> sorts after
    /// the extension's <c>.</c>, and the number has two digits.
    /// </summary>
    private string NewPath(int port, DateTimeOffset firstFrame)
    {
        var stem = string.Create(CultureInfo.InvariantCulture, $"netgear-{port}-{firstFrame.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
        var path = Path.Combine(Directory, stem + ".avi");
        for (var n = 2; File.Exists(path) || _files.Contains(path); n++)
            path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{stem}_{n:00}.avi"));
        return path;
    }

    private static Mat ToBgr(Mat image, Size size)
    {
        var bgr = new Mat();
        switch (image.Channels())
        {
            case 1: Cv2.CvtColor(image, bgr, ColorConversionCodes.GRAY2BGR); break;
            case 4: Cv2.CvtColor(image, bgr, ColorConversionCodes.BGRA2BGR); break;
            default: image.CopyTo(bgr); break;
        }
        if (bgr.Size() != size) Cv2.Resize(bgr, bgr, size);
        return bgr;
    }

    /// <summary>Finishes and closes every file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var segment in _open.Values) Finish(segment);
            _open.Clear();
        }
    }

    /// <summary>A port's open file: its writer, its path, when its first frame came (UTC ticks), its frames and when the last came.</summary>
    private sealed class Segment(VideoWriter writer, string path, long started)
    {
        public VideoWriter Writer { get; } = writer;
        /// <summary>
        /// A shared lock on the file while it is written (.NET takes <c>flock</c> for a file it opens), so that
        /// <see cref="FinishUnfinished"/> of another recorder leaves it alone.
        /// </summary>
        public FileStream Lock { get; } = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        public string Path { get; } = path;
        public long Started { get; } = started;
        public long Frames { get; set; }
        public long Last { get; set; } = started;
        /// <summary>When its last frame was written, by the recorder's clock (a replay's frames carry older times).</summary>
        public long WrittenAt { get; set; }
    }
}
