using NetGearSharp.Security.Tests.Support;

namespace NetGearSharp.Security.Tests;

/// <summary>The real <c>netgear keys</c> and <c>--secure</c> command lines.</summary>
public sealed class KeysCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Generate_keeps_keys_unless_overwrite_and_show_never_prints_secrets()
    {
        using var dir = new TempDir();
        var first = await Netgear.RunAsync(Timeout, "keys", "generate", dir.Path);
        Assert.True(first.Code == 0, first.Output + first.Error);
        Assert.Contains("wrote new server and client key pairs", first.Output);
        var keys = KeyDirectory.At(dir.Path).Load();

        var again = await Netgear.RunAsync(Timeout, "keys", "generate", dir.Path);
        Assert.Contains("kept them", again.Output);
        Assert.Equal(keys, KeyDirectory.At(dir.Path).Load());

        var overwrite = await Netgear.RunAsync(Timeout, "keys", "generate", dir.Path, "--overwrite");
        Assert.Equal(0, overwrite.Code);
        Assert.NotEqual(keys, KeyDirectory.At(dir.Path).Load());

        var now = KeyDirectory.At(dir.Path).Load();
        var show = await Netgear.RunAsync(Timeout, "keys", "show", dir.Path);
        Assert.Equal(0, show.Code);
        Assert.Contains(now.Server.PublicKey, show.Output);
        Assert.Contains(now.Client.PublicKey, show.Output);
        Assert.Contains("mode 600", show.Output);
        Assert.DoesNotContain(now.Server.SecretKey, show.Output);
        Assert.DoesNotContain(now.Client.SecretKey, show.Output);
    }

    [Fact]
    public async Task Keys_are_made_without_libzmq_too()
    {
        using var dir = new TempDir();
        var noLibzmq = new Dictionary<string, string> { ["NETGEARSHARP_ZMQ_LIBRARY"] = "/nonexistent/libzmq.so.5" };
        var run = await Netgear.RunWithAsync(noLibzmq, Timeout, "keys", "generate", dir.Path);
        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.Contains("made by NetMQ", run.Output);
        var keys = KeyDirectory.At(dir.Path).Load(); // valid pairs: each public key belongs to its secret key
        Assert.NotEqual(keys.Server.PublicKey, keys.Client.PublicKey);

        var native = await Netgear.RunAsync(Timeout, "keys", "generate", dir.Sub("native"));
        Assert.Contains("made by libzmq", native.Output);
    }

    [Fact]
    public async Task Allow_binds_a_key_to_a_port()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var camera = KeyDirectory.At(dir.Sub("cam7"));
        camera.Generate();
        var allow = await Netgear.RunAsync(Timeout, "keys", "allow", viewer.Root, camera.ClientPublicFile, "--port", "5570");
        Assert.True(allow.Code == 0, allow.Output + allow.Error);
        Assert.Equal([camera.LoadClientKeyPair().PublicKey], viewer.LoadPortKeys()[5570]);
        Assert.True(File.Exists(Path.Combine(viewer.PortPath(5570), "cam7.key")));
    }

    [Theory]
    [InlineData("serve", "--port", "5566", "--secure", "bogus")]
    [InlineData("view", "--ports", "5566", "--keys", "/tmp")]
    public async Task Bad_secure_arguments_are_usage_errors_that_name_the_option(params string[] args)
    {
        var run = await Netgear.RunAsync(Timeout, args);
        Assert.Equal(2, run.Code);
        Assert.Contains(args.Contains("bogus") ? "--secure" : "--keys", run.Error);
    }

    [Fact]
    public async Task An_IronHouse_viewer_on_NetMQ_refuses_to_start()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var run = await Netgear.RunAsync(Timeout, "view", "--ports", FreePorts.One().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--secure", "ironhouse", "--keys", dir.Path, "--transport", "netmq");
        Assert.Equal(2, run.Code);
        Assert.Contains("no ZAP", run.Error);
    }

    [Fact]
    public async Task A_secure_demo_streams_with_temporary_keys()
    {
        var run = await Netgear.RunAsync(TimeSpan.FromSeconds(90), "demo", "--servers", "2", "--seconds", "2", "--no-window", "--summary", "json",
            "--secure", "ironhouse", "--transport", "native");
        Assert.True(run.Code == 0, run.Output + run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("totalFrames").GetInt64() > 0, run.Output);
        Assert.All(json.RootElement.GetProperty("servers").EnumerateArray(), server => Assert.True(server.GetProperty("frames").GetInt64() > 0, run.Output));
        Assert.DoesNotContain("failed to authenticate", run.Error);
    }
}
