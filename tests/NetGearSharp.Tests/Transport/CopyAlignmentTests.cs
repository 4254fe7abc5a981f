using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// <see cref="CopyAlignment"/>: where a lent payload's copy into the kernel runs (the bytes before it less its address,
/// modulo a page), and the spaces after the JSON header that keep that distance out of the slow window (1-15 bytes).
/// </summary>
public class CopyAlignmentTests
{
    private const int RawFrame = 640 * 480 * 3;

    [Fact]
    public void TheDistanceIsTheBytesBeforeThePayloadLessItsAddress()
    {
        // As traced in the load bench (strace of libzmq's writes): a 153-byte header, the frame 88 bytes into a page;
        // libzmq wrote 8,192 bytes and then the frame from 8,026 bytes in, so 166 bytes went before it.
        var address = unchecked((nuint)0x7f5441c00058);
        Assert.Equal(166 - 88, CopyAlignment.Distance(address, RawFrame, 153, delimiter: true));
        Assert.Equal(164 - 88, CopyAlignment.Distance(address, RawFrame, 153, delimiter: false));
        // A header over 255 bytes takes an 8-byte length.
        Assert.Equal(2 + 1 + 8 + 300 + 9, CopyAlignment.Distance(0, RawFrame, 300, delimiter: true));
        Assert.Equal(4096 - 10, CopyAlignment.Distance(0x1000 + 176, RawFrame, 153, delimiter: true));
    }

    [Fact]
    public void OnlyDistancesOf1To15AreSlow()
    {
        Assert.False(CopyAlignment.IsSlow(0));
        Assert.All(Enumerable.Range(1, 15), d => Assert.True(CopyAlignment.IsSlow(d)));
        Assert.False(CopyAlignment.IsSlow(16));
        Assert.False(CopyAlignment.IsSlow(4095));
    }

    [Theory]
    [InlineData(153, true)]
    [InlineData(153, false)]
    [InlineData(240, true)] // padding crosses 255 bytes: the length field grows by 7
    [InlineData(250, true)]
    [InlineData(255, true)]
    [InlineData(1000, true)]
    [InlineData(9000, true)] // the header alone is more than one batch
    public void TheFewestSpacesLeaveTheSlowWindowAtEveryAddress(int jsonLength, bool delimiter)
    {
        var padded = 0;
        for (var offset = 0; offset < 4096; offset++)
        {
            var address = unchecked((nuint)(0x7f0000000000 + offset));
            var spaces = CopyAlignment.TrailingSpaces(address, RawFrame, jsonLength, delimiter);
            var before = CopyAlignment.Distance(address, RawFrame, jsonLength, delimiter);
            Assert.False(CopyAlignment.IsSlow(CopyAlignment.Distance(address, RawFrame, jsonLength + spaces, delimiter)));
            if (!CopyAlignment.IsSlow(before))
            {
                Assert.Equal(0, spaces);
                continue;
            }
            padded++;
            Assert.InRange(spaces, 1, 15);
            for (var fewer = 0; fewer < spaces; fewer++)
                Assert.True(CopyAlignment.IsSlow(CopyAlignment.Distance(address, RawFrame, jsonLength + fewer, delimiter)));
        }
        Assert.Equal(15, padded); // one address in 273 needs spaces
    }
}
