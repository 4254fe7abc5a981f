using System.Net;
using System.Net.Sockets;
using NetGearSharp.Cli.Tests.Support;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>The tool's help has examples, units and meaningful placeholders; errors are one sentence with the command's prefix.</summary>
public sealed class HelpAndErrorTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("view", "--ports <PORT,PORT,...>", "--record <DIRECTORY>", "--wait-first <SECONDS>", "--filter <PORT,PORT,...>", "netgear view --ports 5566,5567,5568 --window")]
    [InlineData("serve", "--port <PORT>", "--size <WIDTHxHEIGHT>", "--fps <FPS>", "--source <testsrc|camera:N|FILE>", "netgear serve --port 5566")]
    [InlineData("demo", "--servers <COUNT>", "--seconds <SECONDS>", "in seconds", "--summary <text|json>", "netgear demo --servers 8")]
    public async Task Help_has_placeholders_units_and_examples(string command, string a, string b, string c, string d, string example)
    {
        var (code, stdout, _) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), command, "--help");
        Assert.Equal(0, code);
        foreach (var text in new[] { a, b, c, d, "Examples:", example, "times are in seconds" }) Assert.Contains(text, stdout);
        Assert.DoesNotContain("<record>", stdout);
        Assert.DoesNotContain("<wait-first>", stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_required_option_names_the_command()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), "view");
        Assert.Equal(2, code);
        Assert.StartsWith("netgear view: option --ports is required.", stderr); // a parse error (a validator, since --from makes it optional)
        Assert.Contains("Run 'netgear view --help'", stderr);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("netmq")]
    [InlineData("native")]
    public async Task A_port_in_use_is_one_clear_sentence(string transport)
    {
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (code, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), "view", "--ports", port.ToString(), "--transport", transport);
        Assert.Equal(1, code);
        Assert.Equal($"netgear view: port {port} is already in use (another program is bound to it); choose another with --ports", stderr.Trim());
    }
}
