namespace NetGearSharp.Interop.Tests.Support;

/// <summary>
/// What one of our library servers sends in a test: <see cref="Frames"/> test frames (<see cref="TestFrames"/>) of this
/// element type and shape, message <see cref="JsonMessages.For"/> of the frame number, optionally JPEG and paced, and
/// its goodbye <see cref="GoodbyeDelay"/> after the last frame.
/// </summary>
public sealed record OurServerPlan(int Port, ElementType Type, int[] Shape, int Frames, TransportKind Transport, bool Jpeg = false)
{
    /// <summary>
    /// How long the server waits after its last frame before its goodbye. VidGear's <c>recv()</c> returns None as soon as
    /// every server has said goodbye, and the frames still in its queue are lost with it: a client whose reader lags a
    /// frame behind then misses the last one, whatever the servers did.
    /// </summary>
    public TimeSpan GoodbyeDelay { get; init; }

    /// <summary>Runs the server to its goodbye on a thread of its own; returns whether the goodbye was acknowledged.</summary>
    public Task<bool> RunAsync(NetGearPattern pattern, double framesPerSecond, CancellationToken cancellationToken) => Task.Factory.StartNew(() =>
    {
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            Port = Port,
            Pattern = pattern,
            Transport = Transport,
            Jpeg = Jpeg ? JpegOptions.Default : JpegOptions.Off,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        System.Diagnostics.Stopwatch? clock = null; // from the first frame on: it may wait for the connection (PublishConnectWait)
        for (var n = 0; n < Frames; n++)
        {
            if (framesPerSecond > 0 && clock is not null)
            {
                var due = TimeSpan.FromSeconds(n / framesPerSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero) Thread.Sleep(due);
            }
            using var frame = TestFrames.Make(Port, n, Type, Jpeg, Shape);
            server.Send(frame, JsonMessages.For(n), cancellationToken);
            clock ??= System.Diagnostics.Stopwatch.StartNew();
        }
        if (GoodbyeDelay > TimeSpan.Zero) Thread.Sleep(GoodbyeDelay);
        return server.Close();
    }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
