using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Builds a montage like <c>imutils.build_montages</c>: every server's newest image resized into a grid tile, labelled
/// with its port and frames/s; a grey placeholder tile names a server that is stale, lost, terminated or has sent
/// nothing yet. Unlike <c>build_montages</c>, an image keeps its shape: one of another aspect than the tile (a 16:9
/// camera in a 4:3 tile) is scaled to fit and centred, with <see cref="EmptyColor"/> bars, not stretched.
/// </summary>
/// <example>
/// <code>
/// var builder = new MontageBuilder(320, 240);
/// using var montage = builder.Build([new MontageTile(5566, mat, 30, ServerState.Streaming)]);
/// </code>
/// </example>
public sealed class MontageBuilder
{
    /// <summary>The colour of a placeholder tile (BGR).</summary>
    public static readonly Scalar PlaceholderColor = new(64, 64, 64);

    /// <summary>The colour of unused grid cells (BGR).</summary>
    public static readonly Scalar EmptyColor = Scalar.Black;

    /// <summary>Creates a builder.</summary>
    /// <param name="tileWidth">Tile width in pixels (at least 16).</param>
    /// <param name="tileHeight">Tile height in pixels (at least 16).</param>
    /// <param name="columns">Tiles per row; 0 for a near-square grid.</param>
    public MontageBuilder(int tileWidth = 320, int tileHeight = 240, int columns = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tileWidth, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileHeight, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        Columns = columns;
    }

    /// <summary>Tile width in pixels.</summary>
    public int TileWidth { get; }

    /// <summary>Tile height in pixels.</summary>
    public int TileHeight { get; }

    /// <summary>Tiles per row; 0 for a near-square grid.</summary>
    public int Columns { get; }

    /// <summary>The height of the label bar at the top of each tile, in pixels.</summary>
    public int LabelHeight => Math.Clamp(TileHeight / 10, 12, 40);

    /// <summary>The layout used for <paramref name="count"/> tiles.</summary>
    public MontageLayout LayoutFor(int count) => MontageLayout.For(count, TileWidth, TileHeight, Columns);

    /// <summary>Builds one BGR 8-bit montage of all tiles, in order, row by row.</summary>
    public Mat Build(IReadOnlyList<MontageTile> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var layout = LayoutFor(tiles.Count);
        var montage = new Mat(layout.Size, MatType.CV_8UC3, EmptyColor);
        for (var i = 0; i < tiles.Count; i++)
        {
            using var cell = new Mat(montage, layout.TileRect(i));
            DrawTile(cell, tiles[i]);
        }
        return montage;
    }

    private void DrawTile(Mat cell, MontageTile tile)
    {
        if (tile.IsPlaceholder || !TryDrawImage(cell, tile.Image!))
        {
            cell.SetTo(PlaceholderColor);
            var (text, scale) = Fit(tile.PlaceholderWord, Math.Max(0.4, TileHeight / 240.0), 2, TileWidth - 8);
            var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, 2, out _);
            Cv2.PutText(cell, text, new Point((TileWidth - size.Width) / 2, (TileHeight + size.Height) / 2),
                HersheyFonts.HersheySimplex, scale, new Scalar(200, 200, 200), 2, LineTypes.AntiAlias);
        }
        DrawLabel(cell, tile.Label);
    }

    /// <summary>
    /// The text and font scale to draw <paramref name="text"/> within <paramref name="width"/> pixels: the scale shrinks
    /// to half of <paramref name="scale"/> (not below 0.3) if it must, then the text is cut with "..." at its end.
    /// </summary>
    private static (string Text, double Scale) Fit(string text, double scale, int thickness, int width)
    {
        double Width(string t, double s) => Cv2.GetTextSize(t, HersheyFonts.HersheySimplex, s, thickness, out _).Width;
        var least = Math.Max(0.3, scale / 2);
        var fitted = Math.Max(least, Math.Min(scale, scale * width / Math.Max(1, Width(text, scale))));
        if (Width(text, fitted) <= width) return (text, fitted);
        var kept = text.Length;
        while (kept > 0 && Width(text[..kept] + "...", fitted) > width) kept--;
        return (text[..kept] + "...", fitted);
    }

    private bool TryDrawImage(Mat cell, Mat image)
    {
        if (image.Depth() != MatType.CV_8U) return false;
        using var bgr = new Mat();
        switch (image.Channels())
        {
            case 1: Cv2.CvtColor(image, bgr, ColorConversionCodes.GRAY2BGR); break;
            case 3: image.CopyTo(bgr); break;
            case 4: Cv2.CvtColor(image, bgr, ColorConversionCodes.BGRA2BGR); break;
            default: return false;
        }
        var fit = FitInTile(bgr.Width, bgr.Height);
        cell.SetTo(EmptyColor);
        using var target = new Mat(cell, fit);
        Cv2.Resize(bgr, target, fit.Size, 0, 0, InterpolationFlags.Area);
        return true;
    }

    /// <summary>
    /// Where an image of <paramref name="width"/> x <paramref name="height"/> pixels is drawn in a tile: as large as
    /// the tile holds without changing its shape, centred.
    /// </summary>
    /// <param name="width">The image's width in pixels (at least 1).</param>
    /// <param name="height">The image's height in pixels (at least 1).</param>
    /// <returns>The rectangle within the tile; the whole tile for an image of the tile's shape.</returns>
    internal Rect FitInTile(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        // Compared as products, so that an image of the tile's exact shape fills it with no rounding gap.
        if ((long)width * TileHeight >= (long)height * TileWidth)
        {
            var h = (int)Math.Clamp(Math.Round((double)TileWidth * height / width), 1, TileHeight);
            return new Rect(0, (TileHeight - h) / 2, TileWidth, h);
        }
        var w = (int)Math.Clamp(Math.Round((double)TileHeight * width / height), 1, TileWidth);
        return new Rect((TileWidth - w) / 2, 0, w, TileHeight);
    }

    private void DrawLabel(Mat cell, string label)
    {
        var height = LabelHeight;
        Cv2.Rectangle(cell, new Rect(0, 0, TileWidth, height), Scalar.Black, -1);
        var (text, scale) = Fit(label, height / 30.0, 1, TileWidth - 8);
        Cv2.PutText(cell, text, new Point(4, height * 3 / 4), HersheyFonts.HersheySimplex, scale, Scalar.White, 1, LineTypes.AntiAlias);
    }
}
