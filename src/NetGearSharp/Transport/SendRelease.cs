using System.Buffers;

namespace NetGearSharp.Transport;

/// <summary>
/// A message part handed to the transport without copying: its memory stays pinned until the transport is done with
/// it and calls <see cref="Release"/> (libzmq does so from its I/O thread). Transports that copy return
/// <see cref="Done"/>.
/// </summary>
public sealed unsafe class SendRelease
{
    /// <summary>A part that was copied: nothing to wait for.</summary>
    public static readonly SendRelease Done = new(default) { _released = 1 };

    private MemoryHandle _pin;
    private int _released;

    /// <summary>Takes over a pin of the part's memory (released, that is unpinned, by <see cref="Release"/>).</summary>
    public SendRelease(MemoryHandle pin) => _pin = pin;

    /// <summary>The pinned memory's address.</summary>
    internal void* Pointer => _pin.Pointer;

    /// <summary>Whether the transport no longer uses the memory.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>Called once by the transport when it is done with the memory: unpins it.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _pin.Dispose();
    }

    /// <summary>Waits until the transport has released the memory. False when it still holds it after <paramref name="timeout"/>.</summary>
    public bool Wait(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var spinner = new SpinWait();
        while (!IsReleased)
        {
            if (Environment.TickCount64 >= deadline) return false;
            if (spinner.Count < 20) spinner.SpinOnce(sleep1Threshold: -1);
            else Thread.Sleep(1);
        }
        return true;
    }
}
