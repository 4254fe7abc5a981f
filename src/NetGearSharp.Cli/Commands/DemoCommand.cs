using System.CommandLine;

namespace NetGearSharp.Cli.Commands;

/// <summary>
/// <c>netgear demo</c>: starts several test-pattern servers and a client in one process and shows the live table (and
/// the montage when a display exists); ends by itself after <c>--seconds</c> with a summary.
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    private readonly Option<int> _servers = new("--servers") { HelpName = "COUNT", Description = "How many test-pattern servers, 1-16.", DefaultValueFactory = _ => 4 };
    private readonly Option<double> _seconds = new("--seconds") { HelpName = "SECONDS", Description = "How long the servers send, in seconds (0: until Ctrl+C).", DefaultValueFactory = _ => 10.0 };
    private readonly Option<string> _size = new("--size") { HelpName = "WIDTHxHEIGHT", Description = "Test-pattern size in pixels, e.g. 320x240.", DefaultValueFactory = _ => "320x240" };
    private readonly Option<double> _fps = new("--fps") { HelpName = "FPS", Description = "Each server's rate in frames per second, 0.01-1000 (0: as fast as possible).", DefaultValueFactory = _ => 15.0 };
    private readonly Option<string> _pattern = new("--pattern") { HelpName = "reqrep|pubsub", Description = "reqrep or pubsub.", DefaultValueFactory = _ => "reqrep" };
    private readonly Option<string> _transport = new("--transport") { HelpName = "auto|netmq|native", Description = "auto (the system's libzmq where it loads, else NetMQ; logged), netmq (managed, needs nothing installed) or native (the system's libzmq: apt-get install libzmq5).", DefaultValueFactory = _ => "auto" };
    private readonly Option<bool> _jpeg = new("--jpeg") { Description = "Compress frames as JPEG." };
    private readonly Option<string?> _web = new("--web") { HelpName = "[ADDR:]PORT", Description = "Serve a live web page of the servers at [ADDR:]PORT (address 127.0.0.1 unless given)." };
    private readonly Option<bool> _noWindow = new("--no-window") { Description = "Do not open the montage window even when a display exists." };
    private readonly SecureOptions _secure = new(keysDefault: "fresh temporary keys, deleted at the end");
    private readonly Option<string> _summary = new("--summary") { HelpName = "text|json", Description = "text, or json: exactly one JSON object on stdout at the end.", DefaultValueFactory = _ => "text" };

    /// <inheritdoc />
    public Command Build()
    {
        var command = new Command("demo", "Start test-pattern servers and a client in one process: live table and montage, then a summary.")
        {
            _servers, _seconds, _size, _fps, _pattern, _jpeg, _noWindow, _web, _summary, _transport,
        };
        _secure.AddTo(command);
        CommandRunner.SetAction(command, Parse, (settings, context) => new Serving.DemoRunner(settings).RunAsync(context));
        return command;
    }

    /// <summary>Checks the arguments into settings.</summary>
    /// <exception cref="UsageException">An argument is invalid.</exception>
    public DemoSettings Parse(ParseResult result)
    {
        var seconds = ArgumentParsers.Seconds(result.GetValue(_seconds), "--seconds", allowZero: true);
        return new DemoSettings
        {
            Servers = ArgumentParsers.Range(result.GetValue(_servers), 1, 16, "--servers"),
            Duration = seconds == TimeSpan.Zero ? null : seconds,
            Size = ArgumentParsers.Size(result.GetValue(_size)!, "--size"),
            Fps = ArgumentParsers.Fps(result.GetValue(_fps), "--fps"),
            Pattern = ArgumentParsers.Pattern(result.GetValue(_pattern)!, "--pattern"),
            Transport = ArgumentParsers.Transport(result.GetValue(_transport)!, "--transport"),
            Jpeg = result.GetValue(_jpeg) ? JpegOptions.Default : JpegOptions.Off,
            Window = !result.GetValue(_noWindow),
            Web = result.GetValue(_web) is { } web ? WebEndpoint.Parse(web, "--web") : null,
            Summary = ArgumentParsers.Choice<SummaryFormat>(result.GetValue(_summary)!, "--summary"),
            Security = _secure.Parse(result),
        };
    }
}
