namespace NetGearSharp.AspNetCore;

/// <summary>How the live view encodes pictures and how often it reports; validated once by <see cref="NetGearLiveView"/>.</summary>
public sealed record NetGearWebOptions
{
    /// <summary>JPEG quality (1-100) for frames that arrive raw. JPEG frames are passed on as they came. Default 80.</summary>
    public int JpegQuality { get; init; } = 80;

    /// <summary>The size of one tile of <c>/montage.mjpg</c>. Default 320x240.</summary>
    public (int Width, int Height) MontageTileSize { get; init; } = (320, 240);

    /// <summary>How many montages per second <c>/montage.mjpg</c> sends at most (0.5-60). Default 10.</summary>
    public double MontageFramesPerSecond { get; init; } = 10;

    /// <summary>How often <c>/events</c> sends the servers' rates when no state changes (0.1-10 s). Default 0.5 s.</summary>
    public TimeSpan EventInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The page's title. Default "netgear".</summary>
    public string Title { get; init; } = "netgear";
}
