using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Where the tiles of a montage go: a grid of <see cref="Columns"/> x <see cref="Rows"/> tiles of one size, filled
/// row by row (as <c>imutils.build_montages</c> fills its grid).
/// </summary>
public sealed record MontageLayout
{
    /// <summary>Creates a layout.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or count is not positive.</exception>
    public MontageLayout(int tileWidth, int tileHeight, int columns, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tileWidth, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileHeight, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>A near-square grid for <paramref name="count"/> tiles: <c>ceil(sqrt(count))</c> columns, or <paramref name="columns"/> when given.</summary>
    public static MontageLayout For(int count, int tileWidth, int tileHeight, int columns = 0)
    {
        count = Math.Max(1, count);
        var cols = columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(count));
        var rows = (count + cols - 1) / cols;
        return new MontageLayout(tileWidth, tileHeight, cols, rows);
    }

    /// <summary>Tile width in pixels.</summary>
    public int TileWidth { get; }

    /// <summary>Tile height in pixels.</summary>
    public int TileHeight { get; }

    /// <summary>Tiles per row.</summary>
    public int Columns { get; }

    /// <summary>Rows of tiles.</summary>
    public int Rows { get; }

    /// <summary>How many tiles fit.</summary>
    public int Capacity => Columns * Rows;

    /// <summary>The size of the whole montage.</summary>
    public Size Size => new(TileWidth * Columns, TileHeight * Rows);

    /// <summary>Where tile <paramref name="index"/> goes (row by row).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..Capacity-1.</exception>
    public Rect TileRect(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        return new Rect(index % Columns * TileWidth, index / Columns * TileHeight, TileWidth, TileHeight);
    }
}
