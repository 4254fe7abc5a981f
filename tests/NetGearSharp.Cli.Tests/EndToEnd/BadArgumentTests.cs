using NetGearSharp.Cli.Tests.Support;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>Each bad argument: exit code 2 and a message on stderr naming it.</summary>
public sealed class BadArgumentTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "--port", ["serve"] },
        { "--port", ["serve", "--port", "70000"] },
        { "--port", ["serve", "--port", "abc"] },
        { "--size", ["serve", "--port", "5566", "--size", "640by480"] },
        { "--source", ["serve", "--port", "5566", "--source", "no-such-video.avi"] },
        { "--jpeg-quality", ["serve", "--port", "5566", "--jpeg", "--jpeg-quality", "5"] },
        { "--jpeg-subsampling", ["serve", "--port", "5566", "--jpeg", "--jpeg-subsampling", "411"] },
        { "--pattern", ["view", "--ports", "5566", "--pattern", "pair"] },
        { "--ports", ["view", "--ports", "5566,5566"] },
        { "--filter", ["view", "--ports", "5566,5567", "--filter", "5568"] },
        { "--summary", ["view", "--ports", "5566", "--summary", "xml"] },
        { "--address", ["serve", "--port", "5566", "--address", "bad host"] },
        { "--servers", ["demo", "--servers", "0"] },
        { "--transport", ["serve", "--port", "5566", "--transport", "zeromq"] },
        { "--transport", ["view", "--ports", "5566", "--transport", "libzmq"] },
        // An option the parser rejects (no value, given twice) is its error, not an unhandled exception from a validator.
        { "--ports", ["view", "--ports"] },
        { "--ports", ["view", "--ports", "5566", "--ports", "5567"] },
        { "-p", ["view", "-p", "1", "-p", "2"] },
        { "--from", ["view", "--from"] },
        { "--from", ["view", "--from", "nats://127.0.0.1:4222", "--from", "nats://127.0.0.1:4223"] },
        { "--port", ["serve", "--port"] },
        // A rate whose period no timer can wait (before: 'timeSpan overflowed' once running).
        { "--fps", ["serve", "--port", "5566", "--fps", "1e-300"] },
        { "--fps", ["demo", "--fps", "0.0000001"] },
        { "--rate", ["bench", "--rate", "1e-300"] },
        { "--record-segment", ["view", "--ports", "5566", "--record-segment", "5"] }, // without --record
        { "--record-segment", ["view", "--ports", "5566", "--record", "recordings", "--record-segment", "-1"] },
        { "--record-segment", ["view", "--ports", "5566", "--record", "recordings", "--record-segment", "0.5"] },
        // Options that would be ignored (before: accepted silently).
        { "--return", ["view", "--ports", "5566", "--multiclient", "--pattern", "pubsub", "--return", "1"] }, // nothing is answered
        { "--jpeg-quality", ["serve", "--port", "5566", "--jpeg-quality", "50"] }, // without --jpeg
        { "--jpeg-subsampling", ["serve", "--port", "5566", "--jpeg-subsampling", "422"] },
        { "--jpeg-subsampling", ["bench", "--jpeg-subsampling", "422"] },
        { "--pattern", ["bench", "--baseline", "--pattern", "pubsub"] },
        { "--servers", ["bench", "--baseline", "--servers", "8"] },
        { "--source", ["serve", "--port", "5566", "--source", ""] }, // before: the test pattern
        { "--keep-open", ["view", "--ports", "5566", "--keep-open", "--wait-first", "5"] },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task Bad_argument_gives_exit_code_2_and_names_it(string option, string[] args)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), args);
        Assert.Equal(2, code);
        Assert.Contains(option, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Unhandled", stderr);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--ports: no value given; write --ports <PORT,PORT,...>.", "view", "--ports")]
    [InlineData("-p: given 2 times; give it once: -p <PORT,PORT,...>.", "view", "-p", "1", "-p", "2")]
    [InlineData("--port: 'abc' is not allowed; give a port number 1-65535.", "serve", "--port", "abc")]
    [InlineData("--record-segment: 0.5 is not allowed; give at least 1 second per file (up to 31536000, 365 days), or 0 for one file per server.",
        "view", "--ports", "5566", "--record", "recordings", "--record-segment", "0.5")]
    [InlineData("--fps: 1E-300 is not allowed; give frames per second 0.01-1000, or 0 for as fast as possible.", "demo", "--fps", "1e-300")]
    public async Task A_value_the_parser_rejects_is_said_in_words(string expected, params string[] args)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), args);
        Assert.Equal(2, code);
        Assert.Contains($"netgear {args[0]}: {expected}", stderr);
    }
}
