using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>Without <c>--verbose</c> the tool still prints the library's warnings, one line each on stderr.</summary>
public sealed class LibraryWarningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact(Timeout = 120_000)]
    public async Task A_server_whose_viewer_vanished_says_that_it_retries_before_it_gives_up()
    {
        var port = TestPorts.One();
        var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1");
        try
        {
            await view.WaitForOutputAsync("listening on", Wait);
            using var serve = CliProcess.Start("serve", "--port", port.ToString(), "--fps", "30", "--size", "160x120", "--max-retries", "3");
            await view.WaitForOutputAsync("-> streaming", Wait);
            view.Dispose(); // killed: no goodbye, the server's requests go unanswered

            // Each retry is said as it happens (request timeout 4 s), not only the final failure after 12 s.
            await serve.WaitForOutputAsync($"netgear serve: warning: No reply from the client at tcp://127.0.0.1:{port}", Wait);
            Assert.Contains("reconnecting, attempt 1 of 3", serve.StandardError);
            Assert.DoesNotContain("did not reply 3 times", serve.StandardError);
            Assert.Equal(1, await serve.WaitAsync(Wait));
            Assert.Contains("reconnecting, attempt 2 of 3", serve.StandardError);
            Assert.DoesNotContain("attempt 3 of 3", serve.StandardError); // the last timeout is said by the failure, nothing is sent again
            Assert.Contains("did not reply 3 times in a row", serve.StandardError);
            Assert.DoesNotContain("   at ", serve.StandardError); // one line each, no stack trace
        }
        finally
        {
            view.Dispose();
        }
    }
}
