namespace NetGearSharp.Cli.Tests.Cli;

/// <summary>
/// A warning that repeats (a NATS server down: the same line at every reconnect, twice a second) is shown once per
/// 30 s with how many times it came meanwhile, instead of filling the terminal.
/// </summary>
public sealed class WarningLinesRepeatTests
{
    private const string Down = "netgear view: warning: Failed to connect NATS nats://127.0.0.1:4222 [1]: Connection refused";

    [Fact]
    public void The_same_line_again_within_30_s_is_counted_and_the_count_goes_with_the_next_line_shown()
    {
        var now = 0L;
        var writer = new StringWriter();
        var lines = new WarningLines(writer, () => now);
        for (var i = 0; i < 12; i++, now += 500) lines.Write(Down); // 6 s of reconnects
        now = 31_000;
        lines.Write(Down); // the same warning, after the window: shown, with the count
        for (var i = 0; i < 3; i++) { now += 500; lines.Write(Down); }
        now += 500;
        lines.Write("netgear view: warning: something else");
        lines.Write("netgear view: warning: something else, once more");

        Assert.Equal(
        [
            Down,
            $"{Down} (and 11 more times in 31 s before)",
            $"{Down} (and 3 more times in 2 s)",
            "netgear view: warning: something else",
            "netgear view: warning: something else, once more",
        ], writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
