using System.Text.Json;
using NetGearSharp.NatsBench;

// The NATS hop benchmark: frames/s and the latency the hop adds (viewer receipt → worker receipt).
//   NetGearSharp.NatsBench [--servers 8] [--hop raw|jpeg] [--seconds 10] [--fps 30] [--nats nats://HOST:PORT] [--json]
//   NetGearSharp.NatsBench suite [--seconds 10] [--fps 30]     (8 and 32 servers, raw and JPEG hop)
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    int[] suiteServers = [8, 32];
    bool[] suiteJpeg = [false, true];
    var suite = args.Length > 0 && args[0] == "suite";
    var options = HopOptions.Parse(suite ? args[1..] : args);
    var runs = suite
        ? suiteServers.SelectMany(n => suiteJpeg.Select(jpeg => options with { Servers = n, Jpeg = jpeg })).ToArray()
        : [options];
    var results = new List<HopResult>();
    foreach (var run in runs)
    {
        var result = await HopRun.RunAsync(run, cts.Token);
        results.Add(result);
        if (!options.Json) Console.WriteLine(result);
    }
    if (options.Json) Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("Usage: NetGearSharp.NatsBench " + HopOptions.Usage);
    return 2;
}
catch (Exception ex) when (ex is InvalidOperationException or NetGearSharp.NetGearException)
{
    Console.Error.WriteLine("Benchmark failed: " + ex.Message);
    return 1;
}
