using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NetGearSharp.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT), SIGTERM and SIGQUIT into a cancellation token, so a command can end cleanly (a server sends
/// its goodbye). A repeat within <see cref="RepeatWindow"/> of the first is the same stop and is ignored (<c>timeout -s
/// INT</c> signals the process and then its whole group; a terminal's Ctrl+C reaches every process of the foreground
/// group); a signal after that is not intercepted and ends the process at once (a second, deliberate Ctrl+C).
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    /// <summary>How long after the first signal another one counts as a repeat of it.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Lock _gate = new();
    private long _firstAt;
    private PosixSignal? _received;

    /// <summary>Starts listening for the signals.</summary>
    public ShutdownSignal()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received
    {
        get { lock (_gate) return _received; }
    }

    /// <summary>The first signal as a person knows it: <c>Ctrl+C (SIGINT)</c>, <c>SIGTERM</c>, <c>SIGQUIT</c>.</summary>
    public string Name => Received switch
    {
        PosixSignal.SIGINT => "Ctrl+C (SIGINT)",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGQUIT => "SIGQUIT",
        _ => "a signal",
    };

    /// <summary>The shell's exit code for a process ended by the first signal: 128 plus its number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Received switch
    {
        PosixSignal.SIGINT => 128 + 2,
        PosixSignal.SIGQUIT => 128 + 3,
        PosixSignal.SIGTERM => 128 + 15,
        _ => ExitCodes.Failure,
    };

    private void OnSignal(PosixSignalContext context)
    {
        lock (_gate)
        {
            if (_received is not null)
            {
                // A repeat of the same stop is swallowed; a later signal takes the default handling: the process ends.
                context.Cancel = Stopwatch.GetElapsedTime(_firstAt) < RepeatWindow;
                return;
            }
            _received = context.Signal;
            _firstAt = Stopwatch.GetTimestamp();
            context.Cancel = true;
        }
        _cts.Cancel();
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cts.Dispose();
    }
}
