namespace NetGearSharp.Tests.Support;

public static class TestFrames
{
    /// <summary>A small uint8 frame whose bytes encode the server index and sequence number.</summary>
    public static Frame Numbered(int server, int sequence, int height = 4, int width = 6, int channels = 3)
    {
        var frame = Frame.Allocate(ElementType.UInt8, height, width, channels);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(server * 31 + sequence * 7 + i);
        return frame;
    }

    public static bool MatchesNumbered(Frame frame, int server, int sequence)
    {
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != (byte)(server * 31 + sequence * 7 + i)) return false;
        }
        return true;
    }
}
