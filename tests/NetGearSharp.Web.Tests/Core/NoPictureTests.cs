using System.Text.Json;
using NetGearSharp.AspNetCore;
using NetGearSharp.AspNetCore.Endpoints;
using NetGearSharp.AspNetCore.Live;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// Frames the page cannot show (a 1-D array, an empty one, 16-bit): skipped without a crash, and while a server has no
/// picture the page says why (<c>noPicture</c>) instead of "no picture yet".
/// </summary>
public sealed class NoPictureTests
{
    [Theory]
    [InlineData(ElementType.Float32, new[] { 4 }, "float32 [4]: not an image")]
    [InlineData(ElementType.UInt8, new[] { 0, 4, 3 }, "uint8 [0, 4, 3]: not an image")]
    [InlineData(ElementType.Float64, new int[0], "float64 []: not an image")]
    [InlineData(ElementType.UInt8, new[] { 2, 2, 2, 2 }, "uint8 [2, 2, 2, 2]: not an image")]
    [InlineData(ElementType.UInt16, new[] { 4, 6 }, "uint16 [4, 6]: the page shows 8-bit images of 1, 3 or 4 channels")]
    [InlineData(ElementType.UInt8, new[] { 4, 6, 2 }, "uint8 [4, 6, 2]: the page shows 8-bit images of 1, 3 or 4 channels")]
    [InlineData(ElementType.UInt8, new[] { 4, 6, 3 }, null)]
    [InlineData(ElementType.UInt8, new[] { 4, 6 }, null)]
    public void The_reason_names_the_frame(ElementType type, int[] shape, string? reason)
    {
        using var frame = Frame.Allocate(type, shape);
        Assert.Equal(reason, FrameEntry.WhyNoPicture(frame));
        Assert.Equal(reason is null, FrameEntry.IsPicture(frame));
        Assert.Equal(reason is null, FrameEntry.FromFrame(1, frame) is not null);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_sending_arrays_has_its_reason_until_a_picture_comes_and_keeps_the_picture_after()
    {
        var port = TestPorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], AutoExit = false });
        using var view = new NetGearLiveView(client);
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
        var seen = new List<(string? NoPicture, long Image)>();
        Frame[] frames =
        [
            Frame.FromArray(new float[] { 1, 2, 3, 4 }, [4]),
            Frame.Allocate(ElementType.UInt8, 0, 4, 3),
            Frame.Allocate(ElementType.UInt8, 48, 64, 3),
            Frame.FromArray(new float[] { 5, 6 }, [2]),
        ];
        var sending = Task.Run(() =>
        {
            foreach (var frame in frames) server.Send(frame);
        });
        for (var i = 0; i < frames.Length; i++)
        {
            using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(packet);
            view.Observe(packet);
            using var json = JsonDocument.Parse(ServersJson.Write(view));
            var s = json.RootElement.GetProperty("servers")[0];
            seen.Add((s.GetProperty("noPicture").GetString(), s.GetProperty("image").GetInt64()));
        }
        await sending;
        foreach (var frame in frames) frame.Dispose();
        Assert.Equal(
        [
            ("float32 [4]: not an image", 0),
            ("float32 [4]: not an image", 0),  // the first reason stays while there is no picture
            (null, 1),
            (null, 1),                         // the picture stays
        ], seen);
    }
}
