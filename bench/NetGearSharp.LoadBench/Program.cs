using NetGearSharp.Bench;
using NetGearSharp.LoadBench;

// The load benchmark host. Usage:
//   NetGearSharp.LoadBench --servers 8 --pattern reqrep [--jpeg] [--transport native] [--seconds 8] [--json] ...
//   NetGearSharp.LoadBench baseline [--transport netmq|native] [--seconds 5] [--json]
//   NetGearSharp.LoadBench suite [--seconds 6] [--repeat 3] [--transports default,netmq,native] [--rows 1,2,...]
//                                [--process-tuning on|off|both] [--vidgear DIR] [--no-vidgear] [--no-ceiling]
//                                (VidGear's side runs beside ours, row by row)
//   NetGearSharp.LoadBench bench-server ...   (the child processes; started by the benchmark itself)
// The benchmark owns its process, as the netgear tool does: the same process-wide tuning and environment variables
// (NETGEARSHARP_PROCESS_TUNING=0 runs without the tuning; the suite's --process-tuning off|both sets it for ours).
ToolEnvironment.Apply();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    if (args.Length > 0 && args[0] == "bench-server") return await BenchServerProcess.RunAsync(args[1..]);
    if (args.Length > 0 && args[0] == "baseline")
    {
        await BenchRunner.RunBaselineAsync(BenchArguments.Parse(args[1..]), Console.Out, cts.Token);
        return 0;
    }
    if (args.Length > 0 && args[0] == "suite") return await Suite.RunAsync(args[1..], Console.Out, cts.Token);
    await BenchRunner.RunAsync(BenchArguments.Parse(args), Console.Out, cts.Token);
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("Usage: NetGearSharp.LoadBench " + BenchArguments.Usage);
    return 2;
}
catch (Exception ex) when (ex is InvalidOperationException or NetGearSharp.NetGearException)
{
    Console.Error.WriteLine("Benchmark failed: " + ex.Message);
    return 1;
}
