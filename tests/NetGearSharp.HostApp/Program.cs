using NetGearSharp;
using NetGearSharp.HostApp;
using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.Native.Wire;

// A host application (think ASP.NET Core app, robot controller, test host) that uses NetGearSharp without opting in to
// process-wide tuning. It creates and disposes 50 clients, each with 2 servers, and checks that its process is as it
// was: thread-pool minimums, glibc's allocator (no mallopt call), threads and sockets. Exit code 0 when it is.
// Usage: NetGearSharp.HostApp [rounds]   (prints one line per check)
var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50;
var failures = new List<string>();
var start = ProcessCensus.Take();
Console.WriteLine($"start: {start}");

// Warm-up: what lives for the whole process once used (the default native transport's libzmq context and its I/O
// threads, NetMQ's global threads) is created here, so the census compares clients and servers, not first use.
await Streams.RoundAsync(TransportKind.Auto);
await Streams.RoundAsync(TransportKind.NetMq);
await Task.Delay(500);
var before = ProcessCensus.Take();
Console.WriteLine($"before: {before}");

for (var i = 0; i < rounds; i++) await Streams.RoundAsync(i % 5 == 4 ? TransportKind.NetMq : TransportKind.Auto);

// Sockets close and threads end asynchronously (libzmq's reaper, NetMQ's poller): give them a moment.
var after = ProcessCensus.Take();
for (var wait = 0; wait < 100 && (after.Threads > before.Threads || after.Sockets > before.Sockets); wait++)
{
    await Task.Delay(100);
    after = ProcessCensus.Take();
}
Console.WriteLine($"after {rounds} clients with 2 servers each: {after}");

if (after.MinWorkers != start.MinWorkers || after.MinIo != start.MinIo)
    failures.Add($"thread-pool minimums changed: {start.MinWorkers}/{start.MinIo} -> {after.MinWorkers}/{after.MinIo}");
if (NativeHeap.AllocatorCalls != 0) failures.Add($"{NativeHeap.AllocatorCalls} mallopt calls without the opt-in");
if (NetGearProcessTuning.Applied is not null) failures.Add("process tuning reported applied without the opt-in");
if (WireHooks.Installed) failures.Add("libzmq's calls were hooked without the opt-in");
if (after.Threads > before.Threads) failures.Add($"threads left behind: {before.Threads} -> {after.Threads}");
if (after.Sockets > before.Sockets) failures.Add($"sockets left behind: {before.Sockets} -> {after.Sockets}");
Console.WriteLine($"mallopt calls: {NativeHeap.AllocatorCalls}");

// The opt-in is the one way in, and it does what it says.
NetGearProcessTuning.Apply();
var tuned = ProcessCensus.Take();
Console.WriteLine($"after NetGearProcessTuning.Apply(): {tuned}, mallopt calls: {NativeHeap.AllocatorCalls}");
if (OperatingSystem.IsLinux() && NativeHeap.AllocatorCalls == 0) failures.Add("the opt-in made no mallopt call");
if (tuned.MinWorkers < 32) failures.Add("the opt-in did not raise the thread-pool minimum");
await Streams.RoundAsync(TransportKind.Auto); // a client after the opt-in hooks libzmq's calls
Console.WriteLine($"libzmq's calls hooked after the opt-in: {WireHooks.Installed}{(WireHooks.Unavailable is { } why ? " (" + why + ")" : "")}");
if (OperatingSystem.IsLinux() && !WireHooks.Installed) failures.Add("the opt-in did not hook libzmq's calls: " + WireHooks.Unavailable);

foreach (var failure in failures) Console.WriteLine("FAIL: " + failure);
Console.WriteLine(failures.Count == 0 ? "OK" : $"{failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;
