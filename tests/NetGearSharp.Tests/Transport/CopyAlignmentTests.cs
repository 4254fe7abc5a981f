using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// <see cref="CopyAlignment"/>: where a lent payload's copy into the kernel runs (the bytes before it less its address,
/// modulo a page), and the spaces after the JSON header that keep that distance out of the slow window (1-31 bytes).
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
    public void OnlyDistancesOf1To31AreSlow()
    {
        // 1-15: about three times slower on AMD Zen; 16-31: a quarter slower on Zen 3 and 4 (the frame at 22 bytes against 32).
        Assert.False(CopyAlignment.IsSlow(0));
        Assert.All(Enumerable.Range(1, 31), d => Assert.True(CopyAlignment.IsSlow(d)));
        Assert.False(CopyAlignment.IsSlow(32));
        Assert.False(CopyAlignment.IsSlow(48));
        Assert.False(CopyAlignment.IsSlow(4095));
    }

    [Fact]
    public void TheLoadBenchFrameOnAZen3MachineMovesFrom22BytesTo32()
    {
        // As traced on the forty-first session's machine: the frame 144 bytes into a page, 166 bytes before it.
        var address = unchecked((nuint)0x7fd9f5d00090);
        Assert.Equal(22, CopyAlignment.Distance(address, RawFrame, 153, delimiter: true));
        var spaces = CopyAlignment.TrailingSpaces(address, RawFrame, 153, delimiter: true);
        Assert.Equal(10, spaces);
        Assert.Equal(32, CopyAlignment.Distance(address, RawFrame, 153 + spaces, delimiter: true));
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
            Assert.InRange(spaces, 1, 31);
            for (var fewer = 0; fewer < spaces; fewer++)
                Assert.True(CopyAlignment.IsSlow(CopyAlignment.Distance(address, RawFrame, jsonLength + fewer, delimiter)));
        }
        Assert.Equal(31, padded); // one address in 132 needs spaces
    }
}
