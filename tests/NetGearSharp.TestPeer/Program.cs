using System.Runtime.InteropServices;
using NetGearSharp.TestPeer;

// A tiny peer for multi-process tests. Prints one line per event on stdout; exits cleanly (servers say goodbye)
// on SIGTERM, SIGINT or when stdin is closed.
PeerArgs options;
try
{
    options = PeerArgs.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine("usage: NetGearSharp.TestPeer [--role server|client|ended-client] --ports P[,P...] [--address A] [--pattern reqrep|pubsub] [--frames N|forever] [--fps F] [--size S] [--timeout S] [--retries N] [--heartbeat S] [--heartbeat-timeout S] [--hold S]");
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Of the process-wide tuning the peer opts in to the forced collections after NetMQ's very large parts (the large-frame
// memory tests rely on them) and to libzmq's wire hooks, as `netgear view` does (the hostile tests; NETGEARSHARP_WIRE_HOOKS=0
// leaves them off, for the C heap's rule); the rest stays off, as it was for the peer before the tuning became opt-in.
NetGearSharp.NetGearProcessTuning.Apply(new NetGearSharp.NetGearProcessTuningOptions
{
    GlibcMalloc = false,
    ThreadPoolMinimum = false,
    NetMqBufferPool = false,
    NetMqLargeBufferCollection = true,
    LibzmqWireHooks = Environment.GetEnvironmentVariable("NETGEARSHARP_WIRE_HOOKS") != "0",
});

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
if (Console.IsInputRedirected)
{
    new Thread(() =>
    {
        try { while (Console.In.ReadLine() is not null) { } } catch (IOException) { }
        stop.Cancel();
    }) { IsBackground = true, Name = "stdin watch" }.Start();
}

var code = options.Role switch
{
    "client" => await ClientRole.RunAsync(options, stop.Token),
    "ended-client" => await EndedClientRole.RunAsync(options, stop.Token),
    _ => ServerRole.Run(options, stop.Token),
};
Output.Line("GOODBYE");
return code;
