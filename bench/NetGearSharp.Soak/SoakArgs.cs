using System.Globalization;

namespace NetGearSharp.Soak;

/// <summary>Command line: <c>--minutes 10 --servers 64 --pattern reqrep|pubsub --fps 10 --size 64 --heartbeat 1</c>.</summary>
internal sealed record SoakArgs
{
    public double Minutes { get; init; } = 10;
    public int Servers { get; init; } = 64;
    public NetGearPattern Pattern { get; init; } = NetGearPattern.ReqRep;
    public double Fps { get; init; } = 10;
    public int Size { get; init; } = 64;
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The client's ZMTP heartbeat interval (0 turns heartbeats off).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(1);

    public static SoakArgs Parse(string[] args)
    {
        var a = new SoakArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            a = name switch
            {
                "--minutes" => a with { Minutes = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--servers" => a with { Servers = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--pattern" => a with { Pattern = Value() == "pubsub" ? NetGearPattern.PubSub : NetGearPattern.ReqRep },
                "--fps" => a with { Fps = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--size" => a with { Size = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--heartbeat" => a with { Heartbeat = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--sample-seconds" => a with { SampleEvery = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown option {name}; use --minutes, --servers, --pattern, --fps, --size, --heartbeat, --sample-seconds"),
            };
        }
        return a;
    }
}
