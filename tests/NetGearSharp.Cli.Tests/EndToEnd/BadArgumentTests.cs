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
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task Bad_argument_gives_exit_code_2_and_names_it(string option, string[] args)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), args);
        Assert.Equal(2, code);
        Assert.Contains(option, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
