namespace NetGearSharp.Interop.Tests.Support;

/// <summary>PNG files of test frames (written by Python/make_image.py with OpenCV), for <c>netgear serve --source</c>.</summary>
public sealed class TestImages : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netgear-interop-").FullName;

    /// <summary>Frame 0 of <paramref name="port"/> (48x64x3 unless given), smooth for JPEG.</summary>
    public async Task<string> WriteAsync(int port, bool smooth, int height = 48, int width = 64)
    {
        var path = Path.Combine(_dir, $"frame-{port}.png");
        using var python = PythonPeer.Start("make_image.py", TimeSpan.FromSeconds(60), path, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "0",
            $"{height},{width},3", smooth ? "1" : "0");
        var code = await python.WaitExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0 && File.Exists(path), $"make_image.py failed ({code}).\n{python.Describe()}");
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
