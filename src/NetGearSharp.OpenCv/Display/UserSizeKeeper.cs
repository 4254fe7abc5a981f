using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Tells, from the sizes a window is given in order, which were GTK putting back a side of the user's resize. OpenCV's
/// GTK image widget asks for at least the size its window had when an image arrives, so an image shown while the user's
/// resize is being applied can make GTK put one side back (a 640x480 window resized to 480x360 came back as 640x360), at
/// once or a little later. Within a second of a resize that was not the window's own, a size that returns a side the
/// user changed to its size before is GTK's, and the user's size is to be restored. A user dragging one side keeps the
/// other, and each step moves on from the step before, so a drag is left alone.
/// </summary>
internal sealed class UserSizeKeeper
{
    /// <summary>After the window resized itself, size changes for this long are its own (GTK and the X server apply them in steps).</summary>
    public const long SettleMilliseconds = 500;
    /// <summary>For this long after the user resized the window, a side put back is GTK's, not the user's.</summary>
    public const long SnapMilliseconds = 1000;
    /// <summary>The window's size at the last look.</summary>
    private Size _seen;
    /// <summary>The size the user gave the window last, the size before it, and when (ms); empty when none.</summary>
    private Size _userSize;
    private Size _beforeUser;
    private long _userAt;
    /// <summary>Until when (ms) size changes are the window's own resize settling.</summary>
    private long _settlingUntil;

    /// <summary>The window resized itself at <paramref name="time"/> (ms): the sizes of the next half second are its own.</summary>
    public void OwnResize(long time)
    {
        _settlingUntil = time + SettleMilliseconds;
        _userSize = default;
    }

    /// <summary>
    /// Takes in the size the window was given at <paramref name="time"/> (ms). Returns the user's size when this one is
    /// GTK putting a side of it back (the caller resizes the window to it), else null.
    /// </summary>
    public Size? Observe(Size now, long time)
    {
        if (now == _seen || now.Width <= 0 || now.Height <= 0) return null;
        if (time < _settlingUntil)
        {
            _seen = now;
            return null;
        }
        if (_userSize != default && now != _userSize && time - _userAt < SnapMilliseconds && PutsASideBack(now)) return _userSize;
        (_beforeUser, _userSize, _userAt, _seen) = (_seen, now, time, now);
        return null;
    }

    private bool PutsASideBack(Size now)
        => (now.Width == _beforeUser.Width && _userSize.Width != _beforeUser.Width)
           || (now.Height == _beforeUser.Height && _userSize.Height != _beforeUser.Height);
}
