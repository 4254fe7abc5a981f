using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

/// <summary>Which sizes a montage window is given are GTK putting back a side of the user's resize.</summary>
public sealed class UserSizeKeeperTests
{
    private static UserSizeKeeper SettledAt(Size size)
    {
        var keeper = new UserSizeKeeper();
        keeper.OwnResize(0);
        Assert.Null(keeper.Observe(size, 10));
        return keeper;
    }

    [Fact]
    public void A_side_put_back_at_once_after_the_users_resize_is_undone()
    {
        var keeper = SettledAt(new Size(640, 480));
        Assert.Null(keeper.Observe(new Size(480, 360), 2_000));
        Assert.Equal(new Size(480, 360), keeper.Observe(new Size(640, 360), 2_003));
        // Restored: the user's size again is nothing new; GTK putting it back again is undone again.
        Assert.Null(keeper.Observe(new Size(480, 360), 2_010));
        Assert.Equal(new Size(480, 360), keeper.Observe(new Size(480, 480), 2_020));
    }

    [Fact]
    public void A_side_put_back_more_than_a_second_later_is_the_users()
    {
        var keeper = SettledAt(new Size(640, 480));
        Assert.Null(keeper.Observe(new Size(480, 360), 2_000));
        Assert.Null(keeper.Observe(new Size(640, 360), 2_000 + UserSizeKeeper.SnapMilliseconds));
    }

    [Fact]
    public void A_drag_of_one_side_is_left_alone_step_by_step()
    {
        var keeper = SettledAt(new Size(640, 480));
        var time = 2_000L;
        for (var width = 630; width >= 560; width -= 10) Assert.Null(keeper.Observe(new Size(width, 480), time += 16));
        for (var height = 470; height >= 400; height -= 10) Assert.Null(keeper.Observe(new Size(560, height), time += 16));
    }

    [Fact]
    public void The_windows_own_resize_settling_in_steps_is_left_alone()
    {
        var keeper = SettledAt(new Size(320, 240));
        keeper.OwnResize(1_000);
        Assert.Null(keeper.Observe(new Size(640, 240), 1_010));
        Assert.Null(keeper.Observe(new Size(640, 480), 1_020));
        Assert.Null(keeper.Observe(new Size(640, 240), 1_030));
        Assert.Null(keeper.Observe(new Size(640, 480), 1_040));
    }

    [Fact]
    public void The_windows_own_resize_forgets_the_users_size()
    {
        var keeper = SettledAt(new Size(640, 480));
        Assert.Null(keeper.Observe(new Size(480, 360), 2_000));
        keeper.OwnResize(2_100);
        Assert.Null(keeper.Observe(new Size(960, 480), 2_150));
        Assert.Null(keeper.Observe(new Size(480, 480), 2_700)); // after settling: a user's size, not a put-back
    }
}
