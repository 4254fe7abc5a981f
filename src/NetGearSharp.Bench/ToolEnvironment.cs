using NetGearSharp.Interop;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Bench;

/// <summary>
/// What a NetGearSharp tool (the <c>netgear</c> command, the load benchmark) does to the process it owns: the
/// library's process-wide tuning (<see cref="NetGearProcessTuning"/>) and the <c>NETGEARSHARP_*</c> environment
/// variables, which only the tools read (the library takes typed options). Listed in <c>netgear --help</c> and
/// docs/cli.md.
/// </summary>
internal static class ToolEnvironment
{
    /// <summary><c>0</c> runs the tool as a library user's program would: no process-wide tuning at all, for A/B runs.</summary>
    public const string ProcessTuning = "NETGEARSHARP_PROCESS_TUNING";

    /// <summary><c>1</c> leaves glibc's allocator alone (no malloc tuning, no burst mode), for A/B runs.</summary>
    public const string KeepMalloc = "NETGEARSHARP_KEEP_MALLOC";

    /// <summary><c>0</c> leaves libzmq's calls alone (no wire hooks: a client counts parts by the C heap's growth instead), for A/B runs.</summary>
    public const string WireHooks = "NETGEARSHARP_WIRE_HOOKS";

    /// <summary>libzmq I/O threads of the native transport, 1-64 (default: one per processor, at most 4).</summary>
    public const string ZmqIoThreads = "NETGEARSHARP_ZMQ_IO_THREADS";

    /// <summary>The libzmq file to load instead of the system's.</summary>
    public const string ZmqLibrary = "NETGEARSHARP_ZMQ_LIBRARY";

    /// <summary>The libturbojpeg file to load instead of the system's.</summary>
    public const string TurboJpegLibrary = "NETGEARSHARP_TURBOJPEG_LIBRARY";

    private static readonly Lock Gate = new();
    private static NativeTransport? s_native;
    private static bool s_nativeTried;

    /// <summary>The variables and what they do, for <c>--help</c>.</summary>
    public static string HelpText =>
        "Environment variables (overrides for this tool only):\n" +
        Line($"{ProcessTuning}=0", "no process-wide tuning at all (as a library user's program without the opt-in)") +
        Line($"{KeepMalloc}=1", "leave glibc's allocator alone (no malloc tuning, no burst mode)") +
        Line($"{WireHooks}=0", "leave libzmq's calls alone (no counting of each message's parts as libzmq reads them)") +
        Line($"{ZmqIoThreads}=N", "libzmq I/O threads, 1-64 (default: one per processor, at most 4)") +
        Line($"{ZmqLibrary}=FILE", "libzmq file to load instead of the system's") +
        Line($"{TurboJpegLibrary}=FILE", "libturbojpeg file to load instead of the system's").TrimEnd('\n');

    private static string Line(string variable, string meaning) => $"  {variable,-37} {meaning}\n";

    /// <summary>
    /// Applies the library paths from the environment and the process-wide tuning (the tool owns its process), the
    /// allocator part unless <see cref="KeepMalloc"/> is <c>1</c>, the wire hooks unless <see cref="WireHooks"/> is
    /// <c>0</c>, none of it when <see cref="ProcessTuning"/> is <c>0</c>.
    /// Call once at startup.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(ZmqLibrary) is { Length: > 0 } zmq) NativeLibraryPaths.Zmq = zmq;
        if (Environment.GetEnvironmentVariable(TurboJpegLibrary) is { Length: > 0 } jpeg) NativeLibraryPaths.TurboJpeg = jpeg;
        if (Environment.GetEnvironmentVariable(ProcessTuning) == "0") return;
        NetGearProcessTuning.Apply(new NetGearProcessTuningOptions
        {
            GlibcMalloc = Environment.GetEnvironmentVariable(KeepMalloc) != "1",
            LibzmqWireHooks = Environment.GetEnvironmentVariable(WireHooks) != "0",
        });
    }

    /// <summary>
    /// The transport to pass as <c>CustomTransport</c> for <paramref name="kind"/>: a native transport with the I/O
    /// threads of <see cref="ZmqIoThreads"/> when it is set (and libzmq loads, for <see cref="TransportKind.Auto"/>);
    /// otherwise null, so the options' <see cref="TransportKind"/> decides.
    /// </summary>
    /// <exception cref="ArgumentException">The variable is not a number from 1 to 64.</exception>
    public static ITransport? TransportFor(TransportKind kind)
    {
        var text = Environment.GetEnvironmentVariable(ZmqIoThreads);
        if (string.IsNullOrEmpty(text) || kind == TransportKind.NetMq) return null;
        if (!int.TryParse(text, out var threads) || threads is < 1 or > 64)
            throw new ArgumentException($"{ZmqIoThreads}={text} is not allowed; give a number of threads from 1 to 64.");
        lock (Gate)
        {
            if (!s_nativeTried)
            {
                s_nativeTried = true;
                try
                {
                    s_native = new NativeTransport(new NativeTransportOptions { IoThreads = threads });
                }
                catch (NetGearException) when (kind == TransportKind.Auto)
                {
                    // Auto without libzmq: NetMQ, as the library would choose.
                }
            }
            return s_native;
        }
    }
}
