namespace NetGearSharp.AspNetCore.Live;

/// <summary>
/// The newest frame of one source (a server, or the montage) and a way to wait for a newer one. Publishing swaps a
/// reference and never waits for readers: a slow reader simply gets the newest frame when it comes back.
/// </summary>
internal sealed class FrameSlot
{
    private readonly Lock _gate = new();
    private FrameEntry? _newest;
    private long _version;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _wantedAt = long.MinValue / 2;
    private int _waiting;
    /// <summary>1 when a frame came after the newest picture and was not copied (nobody looked): the picture is old.</summary>
    private int _behind;

    /// <summary>How long a picture request keeps raw frames being copied for this source.</summary>
    public static readonly TimeSpan WantedFor = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether someone looked at this source lately (or waits for its next frame): only then are raw frames worth
    /// copying. JPEG frames cost little and are always kept.
    /// </summary>
    public bool Wanted => Volatile.Read(ref _waiting) > 0 || Environment.TickCount64 - Volatile.Read(ref _wantedAt) < (long)WantedFor.TotalMilliseconds;

    /// <summary>Notes that someone looks at this source now.</summary>
    public void MarkWanted() => Volatile.Write(ref _wantedAt, Environment.TickCount64);

    /// <summary>Notes that a frame came and was not copied (nobody looked): the newest picture is older than it.</summary>
    public void Skipped() => Volatile.Write(ref _behind, 1);

    /// <summary>Whether frames came after the newest picture without being copied: it is not the server's newest.</summary>
    public bool Behind => Volatile.Read(ref _behind) == 1;

    /// <summary>
    /// How long a request for the newest picture waits for a frame when the one kept is old (<see cref="Behind"/>) and
    /// the server still streams: a picture of now, not of when someone last looked.
    /// </summary>
    public static readonly TimeSpan FreshWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The newest picture, looked at now: when it is old (<see cref="Behind"/>) and <paramref name="streaming"/>, the
    /// next frame's, waiting up to <see cref="FreshWait"/> for it (the old one when none comes).
    /// </summary>
    public async Task<FrameEntry?> LookAsync(bool streaming, CancellationToken cancellationToken)
    {
        MarkWanted();
        if (!Behind || !streaming || Newest is not { } old) return Newest;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(FreshWait);
        try
        {
            return await WaitNewerAsync(old.Version, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Newest; // no frame came in time: the server stopped meanwhile
        }
    }

    /// <summary>The newest frame, or null before the first.</summary>
    public FrameEntry? Newest => Volatile.Read(ref _newest);

    /// <summary>
    /// Why this source has no picture although frames arrive (they are not images: <c>float32 [4]: not an image</c>);
    /// null once a picture is published, and while none of its frames was looked at.
    /// </summary>
    public string? NoPicture
    {
        get => Volatile.Read(ref _noPicture);
        set => Volatile.Write(ref _noPicture, value);
    }

    private string? _noPicture;

    /// <summary>
    /// Makes the entry <paramref name="create"/> makes (given its version number) the newest frame and wakes the
    /// waiting readers; nothing happens when it makes none.
    /// </summary>
    public void Publish(Func<long, FrameEntry?> create)
    {
        TaskCompletionSource woken;
        FrameEntry? replaced;
        lock (_gate)
        {
            if (create(_version + 1) is not { } entry) return;
            _version++;
            NoPicture = null;
            Volatile.Write(ref _behind, 0);
            replaced = _newest;
            Volatile.Write(ref _newest, entry);
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        // The replaced frame's pixel buffer goes back to the pool; an encode in progress keeps it until it ends (no waiting here).
        replaced?.Release();
        woken.TrySetResult();
    }

    /// <summary>Waits until a frame newer than <paramref name="version"/> exists, and returns it.</summary>
    public async Task<FrameEntry> WaitNewerAsync(long version, CancellationToken cancellationToken)
    {
        MarkWanted();
        Interlocked.Increment(ref _waiting);
        try
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_newest is { } newest && newest.Version > version) return newest;
                    wait = _next.Task;
                }
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
            MarkWanted();
        }
    }
}
