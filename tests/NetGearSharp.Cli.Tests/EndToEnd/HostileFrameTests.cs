using System.Text;
using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using NetMQ;
using NetMQ.Sockets;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 11 item 4: a peer sends empty and 1-D frames (arrays no video holds: skipped, said once), frames whose bytes
/// do not match their shape (malformed: counted, dropped) and a frame the recorder cannot write (7 channels) to a
/// recording viewer. The viewer goes on: it records the good server, prints its summary and exits 0.
/// </summary>
public sealed class HostileFrameTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 120_000)]
    public async Task Empty_and_unrecordable_frames_do_not_end_a_recording_viewer()
    {
        var ports = TestPorts.Take(2);
        int rogue = ports[0], good = ports[1];
        var dir = Path.Combine(Path.GetTempPath(), "netgear-hostile-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var view = CliProcess.Start("view", "--ports", $"{rogue},{good}", "--address", "127.0.0.1", "--record", dir, "--summary", "json");
            await view.WaitForOutputAsync("listening on", ProcessTimeout);
            // Empty and 1-D arrays are frames (NumPy's, as VidGear sends them) that no video holds: skipped, the recording
            // goes on; shapes whose bytes do not match are malformed.
            (string Shape, int Bytes)[] arrays = [("[0, 0, 3]", 0), ("[0, 640, 3]", 0), ("[480, 0, 3]", 0), ("[640]", 640)];
            (string Shape, int Bytes)[] mismatched = [("[]", 0), ("[640]", 0)];
            await Task.Factory.StartNew(() =>
            {
                using var dealer = new DealerSocket();
                dealer.Options.Linger = TimeSpan.FromSeconds(2);
                dealer.Connect($"tcp://127.0.0.1:{rogue}");
                void Send(string shape, int bytes)
                {
                    var header = Encoding.UTF8.GetBytes($"{{\"port\": \"{rogue}\", \"terminate_flag\": false, \"compression\": false, \"message\": null, \"pattern\": \"1\", \"dtype\": \"uint8\", \"shape\": {shape}}}");
                    dealer.SendMoreFrameEmpty().SendMoreFrame(header).SendFrame(new byte[bytes]);
                    Assert.True(dealer.TryReceiveFrameBytes(TimeSpan.FromSeconds(10), out _), "no reply (delimiter)");
                    Assert.True(dealer.TryReceiveFrameBytes(TimeSpan.FromSeconds(10), out _), "no reply");
                }
                foreach (var (shape, bytes) in arrays.Concat(mismatched)) Send(shape, bytes);
                Send("[4, 4, 7]", 4 * 4 * 7); // a valid message, but no video can hold 7 channels
                var bye = Encoding.UTF8.GetBytes($"{{\"terminate_flag\": true, \"port\": \"{rogue}\"}}");
                dealer.SendMoreFrameEmpty().SendFrame(bye);
                dealer.TryReceiveFrameBytes(TimeSpan.FromSeconds(10), out _);
            }, TaskCreationOptions.LongRunning);
            using var serve = CliProcess.Start("serve", "--port", good.ToString(), "--size", "160x120", "--frames", "8", "--fps", "0");
            Assert.Equal(0, await serve.WaitAsync(ProcessTimeout));
            Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);

            using var summary = JsonDocument.Parse(view.StandardOutput);
            var servers = summary.RootElement.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("port").GetInt32());
            Assert.Equal(mismatched.Length, servers[rogue].GetProperty("malformed").GetInt64());
            Assert.Equal(arrays.Length + 1, servers[rogue].GetProperty("frames").GetInt64());
            Assert.Equal(8, servers[good].GetProperty("frames").GetInt64());
            Assert.Equal(0, servers[good].GetProperty("malformed").GetInt64());
            Assert.Contains($"recording of port {rogue} skips its frames that are not images (this one: uint8 [0, 0, 3])", view.StandardError);
            Assert.Contains($"recording of port {rogue} stopped", view.StandardError);
            Assert.Contains("7 channels", view.StandardError);
            Assert.True(Directory.GetFiles(dir, $"netgear-{rogue}-*").Length == 0, "a file was made for frames no video can hold");
            Assert.Single(Directory.GetFiles(dir, $"netgear-{good}-*.avi"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
