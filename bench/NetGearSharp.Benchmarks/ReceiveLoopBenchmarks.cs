using BenchmarkDotNet.Attributes;

namespace NetGearSharp.Benchmarks;

/// <summary>
/// One frame through the whole stack in one process: NetGearServer.Send (Request/Reply, waits for the reply) and
/// NetGearClient.Receive of a 640x480x3 frame with the load benchmark's message, per transport. The allocation
/// column shows what the send and receive paths allocate per frame.
/// </summary>
[MemoryDiagnoser]
public class ReceiveLoopBenchmarks
{
    private NetGearClient _client = null!;
    private NetGearServer _server = null!;
    private Frame _frame = null!;
    private readonly BenchMessage _message = new();

    [Params(TransportKind.NetMq, TransportKind.Native)]
    public TransportKind Transport { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var port = NetGearSharp.Bench.FreePorts.Take(1)[0];
        _client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = Transport, AutoExit = false });
        _server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = Transport });
        _frame = Frame.Allocate(ElementType.UInt8, 480, 640, 3);
        new Random(4).NextBytes(_frame.Data);
    }

    [Benchmark]
    public int SendAndReceive()
    {
        _server.Send(_frame, _message);
        using var packet = _client.Receive(TimeSpan.FromSeconds(5)) ?? throw new InvalidOperationException("no frame");
        return packet.Frame.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.Dispose();
        _client.Dispose();
        _frame.Dispose();
    }
}
