using System.Text.Json;
using NetGearSharp.AspNetCore;
using NetGearSharp.AspNetCore.Endpoints;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// One camera whose message holds a lone surrogate escape (<c>"\udce9"</c>: Python's <c>json</c> for a file name that
/// is not UTF-8) left <c>/api/servers</c> answering 500 and <c>/events</c> sending empty data, for every camera: the
/// status JSON now carries the message as it came.
/// </summary>
public sealed class LoneSurrogateMessageTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_status_JSON_carries_such_a_message()
    {
        var port = TestPorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], AutoExit = false });
        using var view = new NetGearLiveView(client);
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
        using var message = JsonDocument.Parse("""{"camera": "cam-\udce9tage"}""");
        using var frame = Frame.Allocate(ElementType.UInt8, 4, 4, 3);
        var sending = Task.Run(() => server.Send(frame, message.RootElement));

        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(packet);
        view.Observe(packet);
        await sending;

        var text = System.Text.Encoding.UTF8.GetString(ServersJson.Write(view));
        Assert.Contains("\"cam-\\udce9tage\"", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(port, json.RootElement.GetProperty("servers")[0].GetProperty("port").GetInt32());
    }
}
