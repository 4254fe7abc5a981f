using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NetGearSharp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
