using System.Buffers;

namespace NetGearSharp.Codecs;

/// <summary>
/// Memory for received frames: pooled up to <see cref="PooledLimit"/>, plain arrays above it. The shared array pool
/// keeps what it is given back per thread and per core, so very large frames (an 8K frame is 99.5 MB, rented as
/// 128 MB) stayed in it for good: a NetMQ client that had received 99 MB frames kept 1.3 GB. Above the limit the
/// garbage collector gets the memory back instead.
/// </summary>
internal static class FrameBuffers
{
    /// <summary>Frames of this many bytes or fewer (a 4K RGB frame is 24.9 MB) use the shared pool.</summary>
    public const int PooledLimit = 32 * 1024 * 1024;

    /// <summary>A buffer of at least <paramref name="length"/> bytes; give it back with <see cref="Return"/> or hand it to <see cref="ToFrame"/>.</summary>
    public static byte[] Rent(int length)
        => length <= PooledLimit ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    /// <summary>Returns a buffer from <see cref="Rent"/> that was not made into a frame.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= PooledLimit) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>A frame owning a buffer from <see cref="Rent"/> (returned to the pool on dispose when it came from there).</summary>
    public static Frame ToFrame(ElementType type, int[] shape, byte[] buffer, int length)
        => Frame.FromBuffer(type, shape, buffer, length, pooled: buffer.Length <= PooledLimit);
}
