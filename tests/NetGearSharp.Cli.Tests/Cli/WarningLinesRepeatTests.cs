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

    private const string NoReply = "netgear serve: warning: No reply from the client at tcp://10.0.0.1:5566 within 4 s (its connection closed); reconnecting, attempt 1 of 3";

    [Fact]
    public void The_same_line_after_a_quiet_spell_is_shown_again_each_outage_its_own_line()
    {
        var now = 0L;
        var writer = new StringWriter();
        var lines = new WarningLines(writer, () => now);
        lines.Write(NoReply);
        now = 12_000; // the link is cut again: a second outage
        lines.Write(NoReply);
        now = 24_000; // and a third
        lines.Write(NoReply);
        lines.Flush();

        Assert.Equal([NoReply, NoReply, NoReply], writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Repeats_no_later_line_said_are_counted_when_the_command_ends()
    {
        var now = 0L;
        var writer = new StringWriter();
        var lines = new WarningLines(writer, () => now);
        for (var i = 0; i < 5; i++, now += 500) lines.Write(Down);
        lines.Flush();
        lines.Flush(); // said once

        Assert.Equal([Down, $"{Down} (and 4 more times in 2 s)"], writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
