using System.Diagnostics;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// <c>netgear view</c>'s NATS options: what <c>--from</c> cannot honour is refused (before: silently ignored), the NATS
/// options need <c>--forward</c> or <c>--from</c>, and <c>--from --wait-first</c> ends with exit code 1 when nothing comes.
/// </summary>
public sealed class CliOptionTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    // No NATS server is needed: the arguments are refused before any connection.
    private const string From = "nats://127.0.0.1:1";

    [Theory(Timeout = 60_000)]
    [InlineData("--web", "cannot be combined with --from", "--web", "0")]
    [InlineData("--secure", "cannot be combined with --from", "--secure", "stonehouse")]
    [InlineData("--keys", "cannot be combined with --from", "--keys", "/tmp")]
    [InlineData("--pattern", "cannot be combined with --from", "--pattern", "pubsub")]
    [InlineData("--address", "cannot be combined with --from", "--address", "127.0.0.1")]
    [InlineData("--transport", "cannot be combined with --from", "--transport", "native")]
    [InlineData("--filter", "cannot be combined with --from", "--filter", "5566")] // before: 'port 5566 is not in --ports ;'
    [InlineData("--stale-after", "cannot be combined with --from", "--stale-after", "3")]
    [InlineData("--nats-buffer", "needs --forward", "--nats-buffer", "10")]
    [InlineData("--jetstream-max-age", "needs --forward and --jetstream", "--jetstream-max-age", "60")]
    public async Task What_from_cannot_honour_is_refused(string option, string said, params string[] extra)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, ["view", "--from", From, .. extra]);
        Assert.Equal(2, code);
        Assert.Contains($"netgear view: {option}: {said}", stderr);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--nats-user", "camera")]
    [InlineData("--nats-prefix", "site1")]
    [InlineData("--nats-creds", "/no/such.creds")]
    [InlineData("--jetstream-replicas", "3")]
    public async Task A_nats_option_without_forward_or_from_is_refused(string option, string value)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", "5566", option, value);
        Assert.Equal(2, code);
        Assert.Contains($"netgear view: {option}: needs --forward or --from", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_user_without_the_password_variable_is_told_where_the_password_goes()
    {
        // Before: it connected without a password and the server's 'Authorization Violation' was all there was to go on.
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--from", From, "--nats-user", "alice");
        Assert.Equal(2, code);
        Assert.Contains("netgear view: --nats-user: needs the password in the NETGEAR_NATS_PASSWORD environment variable, which is not set", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_password_in_a_NATS_url_is_never_shown()
    {
        var (_, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--from", $"nats://alice:s3cret@127.0.0.1:{FreePorts.One()}");
        Assert.DoesNotContain("s3cret", stdout + stderr);
        Assert.Contains("nats://alice:***@127.0.0.1:", stdout + stderr);
    }

    /// <summary>Before: --wait-first was ignored with --from, and the view waited for ever.</summary>
    [Fact(Timeout = 120_000)]
    public async Task From_with_wait_first_and_no_forwarded_server_fails_with_1()
    {
        using var nats = await NatsServerProcess.StartAsync();
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--from", nats.Url, "--nats-prefix", "none" + Guid.NewGuid().ToString("N")[..8],
            "--wait-first", "1", "--summary", "json");
        Assert.True(code == 1, $"exit {code}: {stderr}");
        Assert.Contains("netgear view: error: no forwarded server seen on " + nats.Url, stderr);
        Assert.Contains("within --wait-first 1 s", stderr);
        Assert.StartsWith("{", stdout.TrimStart()); // the summary still comes
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Before: two lines, NATS.Net's ('error: Fail to connect NATS nats://… [1]: Connection refused') and the tool's
    /// ('cannot connect to NATS at …: can not connect uris: …', NATS.Net's words again).
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData("--forward")]
    [InlineData("--from")]
    public async Task Unreachable_NATS_is_one_line_that_says_what_to_check(string option)
    {
        var url = $"nats://127.0.0.1:{FreePorts.One()}"; // nothing listens there
        string[] args = option == "--from" ? ["view", "--from", url] : ["view", "--ports", FreePorts.One().ToString(), "--address", "127.0.0.1", "--forward", url];
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, args);
        Assert.True(code == 1, $"exit {code}: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"netgear view: cannot connect to NATS at {url}: no NATS server answers there (is nats-server running, on that host and port?)", line);

        // --verbose adds NATS.Net's own log, with the socket's error.
        var (verboseCode, _, verbose) = await CliProcess.RunAsync(ProcessTimeout, ["--verbose", .. args]);
        Assert.Equal(1, verboseCode);
        Assert.Contains("Fail to connect NATS", verbose);
        Assert.Contains("Connection refused", verbose);
    }
}
