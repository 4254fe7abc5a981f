using System.Globalization;

namespace NetGearSharp.TestPeer;

/// <summary>The test peer's command line: <c>--ports 5001,5002 --address 127.0.0.1 --pattern reqrep --frames 100|forever --fps 30 --size 8</c>.</summary>
internal sealed record PeerArgs
{
    /// <summary>
    /// "server" (default) runs one server per port; "client" runs one client over all ports and prints its events;
    /// "ended-client" runs a client until it ends and keeps it <see cref="Hold"/> longer.
    /// </summary>
    public string Role { get; init; } = "server";
    public int[] Ports { get; init; } = [];
    public string Address { get; init; } = "127.0.0.1";
    public NetGearPattern Pattern { get; init; } = NetGearPattern.ReqRep;
    /// <summary>Frames per server; -1 for ever.</summary>
    public long Frames { get; init; } = -1;
    public double Fps { get; init; } = 30;
    /// <summary>Frames are size x size x 3 uint8.</summary>
    public int Size { get; init; } = 8;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(4);
    public int MaxRetries { get; init; } = 3;
    /// <summary>Null: the library's default (which depends on the transport and pattern).</summary>
    public TimeSpan? HeartbeatInterval { get; init; }
    public TransportKind Transport { get; init; } = TransportKind.NetMq;
    /// <summary>Null: the library's default.</summary>
    public TimeSpan? HeartbeatTimeout { get; init; }
    /// <summary>"ended-client": how long the ended client is kept before it is disposed.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The options of a client role over these ports (its warnings printed as <c>LOG</c> lines).</summary>
    public NetGearClientOptions ClientOptions(bool autoExit) => new()
    {
        Address = Address,
        Ports = Ports,
        Pattern = Pattern,
        AutoExit = autoExit,
        HeartbeatInterval = HeartbeatInterval,
        Transport = Transport,
        HeartbeatTimeout = HeartbeatTimeout ?? new NetGearClientOptions { Ports = Ports }.HeartbeatTimeout,
        LoggerFactory = OutputLogger.Factory(),
    };

    public static PeerArgs Parse(string[] args)
    {
        var result = new PeerArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            result = name switch
            {
                "--role" => result with { Role = Value() },
                "--port" or "--ports" => result with { Ports = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() },
                "--address" => result with { Address = Value() },
                "--pattern" => result with { Pattern = Value().ToLowerInvariant() switch
                {
                    "reqrep" or "1" => NetGearPattern.ReqRep,
                    "pubsub" or "2" => NetGearPattern.PubSub,
                    var p => throw new ArgumentException($"--pattern {p}: use reqrep or pubsub"),
                } },
                "--frames" => result with { Frames = Value() is "forever" ? -1 : long.Parse(args[i], CultureInfo.InvariantCulture) },
                "--fps" => result with { Fps = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--size" => result with { Size = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--timeout" => result with { RequestTimeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--retries" => result with { MaxRetries = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--heartbeat" => result with { HeartbeatInterval = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--transport" => result with { Transport = Value().ToLowerInvariant() == "native" ? TransportKind.Native : TransportKind.NetMq },
                "--heartbeat-timeout" => result with { HeartbeatTimeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--hold" => result with { Hold = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (result.Ports.Length == 0) throw new ArgumentException("--ports is required");
        return result;
    }
}
