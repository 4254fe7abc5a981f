using NetGearSharp.OpenCv;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// Writes each packet to its server's video file; a port whose frames cannot be recorded is noted once and skipped.
/// Nothing a frame holds can end the view: any failure (OpenCV assertions included) stops that port's recording only.
/// </summary>
internal sealed class RecordingSink : IDisposable
{
    private readonly StreamRecorder _recorder;
    private readonly Action<string> _note;
    private readonly HashSet<int> _failed = new();

    /// <summary>Creates the directory and the recorder.</summary>
    public RecordingSink(string directory, Action<string> note)
    {
        _recorder = new StreamRecorder(directory);
        _note = note;
    }

    /// <summary>The recorder's directory.</summary>
    public string Directory => _recorder.Directory;

    /// <summary>The files written.</summary>
    public IReadOnlyCollection<string> Files => _recorder.Files;

    /// <summary>Appends the packet's frame (no copy: a Mat view over the frame) to its port's file.</summary>
    public void Write(NetGearPacket packet)
    {
        if (_failed.Contains(packet.Port)) return;
        try
        {
            using var view = packet.AsMat();
            _recorder.Write(packet.Port, view.Mat);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failed.Add(packet.Port);
            _note($"recording of port {packet.Port} stopped: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Closes the files.</summary>
    public void Dispose() => _recorder.Dispose();
}
