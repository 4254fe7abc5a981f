using System.Text;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

public sealed class HeaderReaderStackTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_header_repeating_colorspace_many_times_does_not_overflow_the_stack()
    {
        // Before the fix every "colorspace" key took 32 bytes of stack (stackalloc inside the loop): 200,000 repeats
        // need 6.4 MB, far beyond the 1 MB stack given here, and a stack overflow kills the whole process.
        var json = new StringBuilder("""{"port": "5566", "terminate_flag": false, "compression": {""");
        for (var i = 0; i < 200_000; i++) json.Append("\"colorspace\": \"BGR\", ");
        json.Append("""  "dct": true}, "message": null, "pattern": "1", "dtype": "", "shape": ""}""");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        var done = new TaskCompletionSource<HeaderParseResult>();
        var thread = new Thread(() => done.SetResult(HeaderReader.Parse(bytes, out _, out _)), maxStackSize: 1024 * 1024);
        thread.Start();
        var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Null(result.Error);
    }
}
