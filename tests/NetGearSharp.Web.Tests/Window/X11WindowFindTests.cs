using NetGearSharp.OpenCv;
using NetGearSharp.Web.Tests.Support;

namespace NetGearSharp.Web.Tests.Window;

/// <summary>
/// Two viewers on one desktop both have a window titled "netgear view": each must resize and watch its own, found by
/// its process id (<c>_NET_WM_PID</c>), never the other's.
/// </summary>
[Collection(XDisplayTests.Name)]
public sealed class X11WindowFindTests
{
    private const string Title = "netgear view";

    [Fact(Timeout = 60_000)]
    public async Task The_window_found_is_this_processs_not_an_earlier_one_with_the_same_title()
    {
        using var display = await XvfbDisplay.StartAsync(800, 600);
        using var windows = XlibWindows.Open(display.Name);
        var otherViewer = windows.Create(Title, Environment.ProcessId + 1);   // another viewer's, made first
        var unrelated = windows.Create("something else", Environment.ProcessId);
        var mine = windows.Create(Title, Environment.ProcessId);

        Assert.NotEqual(otherViewer, mine);
        Assert.Equal(mine, X11WindowSize.Find(windows.Display, Title));
    }

    [Fact(Timeout = 60_000)]
    public async Task No_window_is_found_when_only_another_process_has_one_with_the_title()
    {
        using var display = await XvfbDisplay.StartAsync(800, 600);
        using var windows = XlibWindows.Open(display.Name);
        windows.Create(Title, Environment.ProcessId + 1);
        windows.Create(Title, null); // a program that does not say its process id

        Assert.Equal((nuint)0, X11WindowSize.Find(windows.Display, Title));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_window_gone_between_two_calls_is_an_ignored_X_error_not_the_end_of_the_process()
    {
        using var display = await XvfbDisplay.StartAsync(800, 600);
        using var windows = XlibWindows.Open(display.Name);
        var mine = windows.Create(Title, Environment.ProcessId);
        var found = X11Errors.Ignoring(windows.Display, () => X11WindowSize.Find(windows.Display, Title), out var failed);
        Assert.Equal(mine, found);
        Assert.False(failed);

        // The window goes (the user closed it), then it is resized: a BadWindow error, which Xlib's default handler
        // answers by ending the process.
        windows.Destroy(mine);
        var before = X11Errors.IgnoredOnThisThread;
        X11Errors.Ignoring(windows.Display, () =>
        {
            windows.RequestResize(mine, 50, 40);
            return 0;
        }, out failed);
        Assert.True(failed);
        Assert.Equal(before + 1, X11Errors.IgnoredOnThisThread);
        Assert.Equal((nuint)0, X11Errors.Ignoring(windows.Display, () => X11WindowSize.Find(windows.Display, Title), out _));
    }
}
