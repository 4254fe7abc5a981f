using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>One tile of a montage: a server's newest image (or none) with what its label shows.</summary>
/// <param name="Port">The server's port, shown in the label.</param>
/// <param name="Image">The newest image (any size; resized into the tile), or null when there is none yet.</param>
/// <param name="FramesPerSecond">The server's rate, shown in the label.</param>
/// <param name="State">The server's state; stale, lost, terminated (and servers without an image) get a placeholder tile.</param>
public sealed record MontageTile(int Port, Mat? Image, double FramesPerSecond, ServerState State)
{
    /// <summary>Whether this tile is drawn as a placeholder instead of the image.</summary>
    public bool IsPlaceholder => Image is null || Image.Empty() || IsGoneOrStale;

    /// <summary>Whether the server is stale, lost or terminated: its tile is a placeholder that says so.</summary>
    private bool IsGoneOrStale => State is ServerState.Stale or ServerState.Lost or ServerState.Terminated;

    /// <summary>Text drawn instead of the port and state (e.g. on the one tile shown while no server has joined); null: none.</summary>
    public string? Caption { get; init; }

    /// <summary>
    /// The word drawn across the placeholder tile of a server that streams (e.g. <c>NOT AN IMAGE</c> for a server whose
    /// frames are 1-D arrays); null: the server's state. A stale, lost or terminated server's tile shows its state
    /// whatever this says.
    /// </summary>
    public string? PlaceholderText { get; init; }

    /// <summary>The word drawn across the tile when it is a placeholder: <see cref="PlaceholderText"/>, or the state (<c>STREAMING</c>, <c>LOST</c> ...).</summary>
    internal string PlaceholderWord => (IsGoneOrStale ? null : PlaceholderText) ?? State.ToString().ToUpperInvariant();

    /// <summary>The label text drawn on the tile, e.g. <c>5566  29.9 fps</c> or <c>5567  lost</c>, or the <see cref="Caption"/>.</summary>
    public string Label => Caption ?? (IsPlaceholder
        ? $"{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}  {State.ToString().ToLowerInvariant()}"
        : $"{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}  {FramesPerSecond.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} fps");
}
