using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NetGearSharp.AspNetCore.Endpoints;
using NetGearSharp.AspNetCore.Live;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// <c>/stream/{port}</c> and <c>/montage.mjpg</c> in an application without OpenCV's native runtime: a picture that needs
/// it gives a 503 naming the package, as <c>/frame</c> does (before: headers sent, then a failure, an empty 500 and a
/// stack trace in the log); JPEG pictures, which need no OpenCV, still stream.
/// </summary>
public sealed class MjpegWithoutOpenCvTests
{
    [Fact]
    public async Task A_raw_picture_without_OpenCV_gives_a_503_naming_the_package()
    {
        var context = Context();
        await MjpegWriter.WriteAsync(context, (_, _) => Task.FromResult(FrameEntry.FromJpeg(1, [1])),
            _ => throw new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", new DllNotFoundException("OpenCvSharpExtern")),
            headersFirst: false);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith("text/plain", context.Response.ContentType);
        Assert.Contains("OpenCvSharp4.official.runtime.linux-x64", Body(context));
    }

    [Fact]
    public async Task A_montage_without_OpenCV_gives_a_503_naming_the_package()
    {
        var context = Context();
        await MjpegWriter.WriteAsync(context, (_, _) => throw new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern'"),
            entry => [1], headersFirst: false);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Contains("OpenCV's native runtime could not be loaded", Body(context));
    }

    [Fact]
    public async Task JPEG_pictures_stream_without_OpenCV()
    {
        var context = Context();
        using var stop = new CancellationTokenSource();
        context.RequestAborted = stop.Token;
        var sent = 0;
        await MjpegWriter.WriteAsync(context, (version, cancellation) =>
        {
            if (++sent == 3)
            {
                stop.Cancel(); // the browser goes away after two pictures
                cancellation.ThrowIfCancellationRequested();
            }
            return Task.FromResult(FrameEntry.FromJpeg(version + 1, [0xFF, 0xD8, (byte)(version + 1), 0xFF, 0xD9]));
        }, entry => entry.GetJpeg(90, () => { }), headersFirst: false);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("multipart/x-mixed-replace", context.Response.ContentType);
        Assert.Equal(2, Body(context).Split("--" + MjpegWriter.Boundary).Length - 1);
    }

    private static DefaultHttpContext Context() => new()
    {
        RequestServices = new ServiceCollection().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
