using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

public sealed class MontageTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(4, 2, 2)]
    [InlineData(5, 3, 2)]
    [InlineData(9, 3, 3)]
    public void Layout_is_a_near_square_grid(int count, int columns, int rows)
    {
        var layout = MontageLayout.For(count, 100, 80);
        Assert.Equal(columns, layout.Columns);
        Assert.Equal(rows, layout.Rows);
        Assert.Equal(new Size(100 * columns, 80 * rows), layout.Size);
    }

    [Fact]
    public void Tiles_go_row_by_row()
    {
        var layout = MontageLayout.For(5, 100, 80);
        Assert.Equal(new Rect(0, 0, 100, 80), layout.TileRect(0));
        Assert.Equal(new Rect(200, 0, 100, 80), layout.TileRect(2));
        Assert.Equal(new Rect(0, 80, 100, 80), layout.TileRect(3));
        Assert.Equal(new Rect(100, 80, 100, 80), layout.TileRect(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.TileRect(6));
    }

    [Fact]
    public void Each_image_is_resized_into_its_tile_and_stale_lost_terminated_get_placeholders()
    {
        var colors = new[] { new Scalar(255, 0, 0), new Scalar(0, 255, 0), new Scalar(0, 0, 255) };
        var images = colors.Select(c => new Mat(480, 640, MatType.CV_8UC3, c)).ToList();
        try
        {
            var builder = new MontageBuilder(160, 120);
            MontageTile[] tiles =
            [
                new(5566, images[0], 30, ServerState.Streaming),
                new(5567, images[1], 25, ServerState.Streaming),
                new(5568, images[2], 0, ServerState.Lost),
                new(5569, null, 0, ServerState.Waiting),
                new(5570, images[0], 0, ServerState.Terminated),
            ];
            using var montage = builder.Build(tiles);
            var layout = builder.LayoutFor(tiles.Length);
            Assert.Equal(layout.Size, montage.Size());

            Assert.Equal(colors[0], PixelAt(montage, Centre(layout.TileRect(0))));
            Assert.Equal(colors[1], PixelAt(montage, Centre(layout.TileRect(1))));
            // Lost server with an old image: placeholder, not its old picture.
            Assert.Equal(MontageBuilder.PlaceholderColor, PixelAt(montage, Corner(layout.TileRect(2))));
            Assert.Equal(MontageBuilder.PlaceholderColor, PixelAt(montage, Corner(layout.TileRect(3))));
            Assert.Equal(MontageBuilder.PlaceholderColor, PixelAt(montage, Corner(layout.TileRect(4))));
            // The sixth grid cell is unused.
            Assert.Equal(MontageBuilder.EmptyColor, PixelAt(montage, Centre(layout.TileRect(5))));
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
    }

    [Theory]
    [InlineData(1280, 720)] // 16:9 in a 4:3 tile: bars above and below
    [InlineData(480, 640)] // portrait: bars left and right
    public void An_image_of_another_shape_than_its_tile_keeps_its_shape_centred_between_bars(int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(0, 200, 0));
        var builder = new MontageBuilder(160, 120);
        using var montage = builder.Build([new MontageTile(5566, image, 30, ServerState.Streaming)]);

        // Where the image lies: the green pixels below the label bar.
        using var green = new Mat();
        Cv2.InRange(montage, new Scalar(0, 150, 0), new Scalar(50, 255, 50), green);
        using var below = new Mat(green, new Rect(0, builder.LabelHeight, 160, 120 - builder.LabelHeight));
        var drawn = Cv2.BoundingRect(below);
        drawn = new Rect(drawn.X, drawn.Y + builder.LabelHeight, drawn.Width, drawn.Height);
        var expected = builder.FitInTile(width, height);
        if (width * 3 > height * 4)
        {
            Assert.Equal(new Rect(0, 15, 160, 90), expected); // 160 x 90 is 16:9
            Assert.Equal(160, drawn.Width);
            Assert.Equal(15 + 90, drawn.Bottom);
            Assert.Equal(MontageBuilder.EmptyColor, PixelAt(montage, new Point(80, 110))); // the bar below
        }
        else
        {
            Assert.Equal(new Rect(35, 0, 90, 120), expected); // 90 x 120 is 3:4
            Assert.Equal(35, drawn.X);
            Assert.Equal(90, drawn.Width);
            Assert.Equal(MontageBuilder.EmptyColor, PixelAt(montage, new Point(10, 60))); // the bar on the left
            Assert.Equal(MontageBuilder.EmptyColor, PixelAt(montage, new Point(150, 60))); // and on the right
        }
        Assert.Equal(new Scalar(0, 200, 0), PixelAt(montage, new Point(80, 60)));
    }

    [Fact]
    public void An_image_of_the_tiles_shape_fills_it()
    {
        var builder = new MontageBuilder(160, 120);
        Assert.Equal(new Rect(0, 0, 160, 120), builder.FitInTile(640, 480));
        Assert.Equal(new Rect(0, 0, 160, 120), builder.FitInTile(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.FitInTile(0, 3));
    }

    [Fact]
    public void Every_tile_has_a_label_bar_with_text_naming_port_and_rate_or_state()
    {
        using var image = new Mat(100, 100, MatType.CV_8UC3, new Scalar(255, 0, 0));
        var live = new MontageTile(5566, image, 29.96, ServerState.Streaming);
        var lost = new MontageTile(5567, image, 0, ServerState.Lost);
        Assert.Equal("5566  30.0 fps", live.Label);
        Assert.Equal("5567  lost", lost.Label);

        var builder = new MontageBuilder(200, 150);
        using var montage = builder.Build([live, lost]);
        foreach (var index in new[] { 0, 1 })
        {
            var tile = builder.LayoutFor(2).TileRect(index);
            using var bar = new Mat(montage, new Rect(tile.X, tile.Y, tile.Width, builder.LabelHeight));
            using var gray = bar.CvtColor(ColorConversionCodes.BGR2GRAY);
            var text = Cv2.CountNonZero(gray.Threshold(128, 255, ThresholdTypes.Binary));
            var background = Cv2.CountNonZero(gray.Threshold(10, 255, ThresholdTypes.BinaryInv));
            Assert.True(text > 20, $"tile {index}: no label text ({text} bright pixels)");
            Assert.True(background > bar.Width * bar.Height / 2, $"tile {index}: no dark label bar");
        }
    }

    [Theory]
    [InlineData(160, 120)]
    [InlineData(64, 48)]
    public void Text_too_long_for_its_tile_is_drawn_smaller_or_cut_and_stays_inside_the_tile(int width, int height)
    {
        // A 1-D array's tile: its label names the array, the word across it says it is not an image. Drawn at full
        // size, both ran past the tile's edge and were cut there (the neighbour's label drew over the rest).
        var tile = new MontageTile(5566, null, 1, ServerState.Streaming)
        {
            Caption = "5566  float32 [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]",
            PlaceholderText = "NOT AN IMAGE",
        };
        var builder = new MontageBuilder(width, height);
        using var montage = builder.Build([tile]);
        using var gray = montage.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var bright = gray.Threshold(90, 255, ThresholdTypes.Binary);
        Assert.True(Cv2.CountNonZero(bright) > 30, "no text drawn");
        using var rightEdge = new Mat(bright, new Rect(width - 3, 0, 3, height));
        Assert.Equal(0, Cv2.CountNonZero(rightEdge));
        using var leftEdge = new Mat(bright, new Rect(0, builder.LabelHeight, 3, height - builder.LabelHeight));
        Assert.Equal(0, Cv2.CountNonZero(leftEdge));
    }

    private static Point Centre(Rect r) => new(r.X + r.Width / 2, r.Y + r.Height / 2 + 10);

    private static Point Corner(Rect r) => new(r.X + 3, r.Bottom - 3);

    private static Scalar PixelAt(Mat mat, Point p)
    {
        var v = mat.At<Vec3b>(p.Y, p.X);
        return new Scalar(v.Item0, v.Item1, v.Item2);
    }
}
