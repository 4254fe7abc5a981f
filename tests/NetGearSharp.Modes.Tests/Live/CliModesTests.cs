using System.Globalization;
using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.Live;

/// <summary>The <c>netgear</c> tool's mode options, run as a real process against the real VidGear and our library.</summary>
public sealed class CliModesTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task View_bidirectional_returns_its_JSON_to_a_VidGear_server()
    {
        var port = FreePorts.One();
        using var view = new CliRun("view", "--ports", S(port), "--address", "127.0.0.1", "--bidirectional", "--return", "{\"ok\": 1}", "--summary", "json", "--wait-first", "40");
        await view.WaitForOutputAsync("listening on", Wait); // bound before VidGear's server sends
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "bi-multiserver", "--pattern", "1", "--ports", S(port), "--frames", "4", "--delay", "0.5");
        await server.WaitForEventAsync("done", Wait);
        Assert.All(server.Events("sent"), l => Assert.Equal("{\"kind\":\"value\",\"value\":{\"ok\":1},\"types\":{\"ok\":\"int\"}}", l["result"]!.ToJsonString()));
        Assert.Equal(0, await view.WaitAsync(Wait));
    }

    [Fact]
    public async Task View_multiclient_answers_a_VidGear_multi_client_server_with_its_port_and_data()
    {
        var port = FreePorts.One();
        using var view = new CliRun("view", "--ports", S(port), "--address", "127.0.0.1", "--multiclient", "--return", "viewer one", "--summary", "json", "--wait-first", "40");
        await view.WaitForOutputAsync("listening on", Wait); // bound before VidGear's server sends
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "multiclient", "--pattern", "1", "--ports", S(port), "--frames", "4", "--delay", "0.5");
        await server.WaitForEventAsync("done", Wait);
        Assert.All(server.Events("sent"), l => Assert.Equal($"{{\"port\":\"{port}\",\"data\":{{\"kind\":\"value\",\"value\":\"viewer one\",\"types\":\"str\"}}}}", l["result"]!.ToJsonString()));
        Assert.Equal(0, await view.WaitAsync(Wait));
    }

    [Fact]
    public async Task View_return_without_a_mode_is_a_usage_error_naming_the_option()
    {
        using var view = new CliRun("view", "--ports", S(FreePorts.One()), "--return", "hello");
        Assert.NotEqual(0, await view.WaitAsync(Wait));
        Assert.Contains("--return", view.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_multiclient_deals_to_VidGear_clients_and_prints_who_returned_what()
    {
        var ports = FreePorts.Take(2);
        using var a = PythonPeer.Start("vg_client.py", Budget, "--mode", "multiclient", "--pattern", "1", "--ports", S(ports[0]), "--return", "\"a\"");
        using var b = PythonPeer.Start("vg_client.py", Budget, "--mode", "multiclient", "--pattern", "1", "--ports", S(ports[1]), "--return", "\"b\"");
        await a.WaitForEventAsync("ready", Wait);
        await b.WaitForEventAsync("ready", Wait);
        using var serve = new CliRun("serve", "--multiclient", "--ports", $"{ports[0]},{ports[1]}", "--frames", "10", "--fps", "20", "--size", "64x48");
        Assert.Equal(0, await serve.WaitAsync(Wait));
        var lines = serve.Output.Split('\n').Where(l => l.Contains("returned", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, lines.Count);
        Assert.Contains(lines, l => l.Contains($"from client {ports[0]}: str \"a\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"from client {ports[1]}: str \"b\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_bidirectional_prints_what_our_client_returns()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            BidirectionalMode = true,
            ReturnData = _ => NetGearReturnData.FromValue(new { seen = true }),
        });
        using var cts = new CancellationTokenSource(Wait);
        var drain = Drain.ReadAsync(client, cts.Token);
        using var serve = new CliRun("serve", "--port", S(port), "--bidirectional", "--frames", "3", "--size", "64x48");
        Assert.Equal(0, await serve.WaitAsync(Wait));
        await cts.CancelAsync();
        await drain;
        Assert.Equal(3, serve.Output.Split('\n').Count(l => l.Contains("returned: dict {\"seen\":true}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Serve_port_and_multiclient_together_is_a_usage_error()
    {
        using var serve = new CliRun("serve", "--multiclient", "--port", S(FreePorts.One()), "--ports", string.Join(",", FreePorts.Take(2)));
        Assert.NotEqual(0, await serve.WaitAsync(Wait));
        Assert.Contains("--port", serve.Error, StringComparison.Ordinal);
    }
}
