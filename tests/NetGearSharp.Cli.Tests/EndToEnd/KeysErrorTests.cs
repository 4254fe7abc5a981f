using NetGearSharp.Cli.Tests.Support;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>netgear keys</c>: errors name the whole command and the bad argument, and are caught before anything is written.</summary>
public sealed class KeysErrorTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(45);
    private readonly string _dir = Directory.CreateTempSubdirectory("netgear-keys-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory(Timeout = 60_000)]
    [InlineData("show")]
    [InlineData("allow")]
    public async Task A_missing_argument_names_the_whole_command(string sub)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", sub);
        Assert.Equal(2, code);
        Assert.StartsWith($"netgear keys {sub}: ", stderr); // before: 'netgear show: ...' and 'Run 'netgear show --help''
        Assert.Contains($"Run 'netgear keys {sub} --help'", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_subcommand_is_one_error_naming_it()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", "bogus");
        Assert.Equal(2, code);
        Assert.Equal(
        [
            "netgear keys: unrecognized command or argument 'bogus'.",
            "Run 'netgear keys --help' for the options and examples.",
        ], stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); // before: also 'required command was not provided'
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_where_the_key_folder_goes_is_a_usage_error()
    {
        var file = Path.Combine(_dir, "afile");
        File.WriteAllText(file, "");
        foreach (var dir in new[] { file, Path.Combine(file, "sub") })
        {
            var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", "generate", dir);
            Assert.Equal(2, code); // before: exit 1, 'could not find a part of the path'
            Assert.Contains($"netgear keys generate: DIR: '{file}'", stderr);
            Assert.Contains("is a file, not a folder", stderr);
        }
    }

    [Theory(Timeout = 90_000)]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task Allow_with_a_name_that_is_no_file_name_names_the_option(string name)
    {
        var keys = Path.Combine(_dir, "cam1");
        Assert.Equal(0, (await CliProcess.RunAsync(ProcessTimeout, "keys", "generate", keys)).Code);
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", "allow", Path.Combine(_dir, "viewer"),
            Path.Combine(keys, ".vidgear", "keys", "public_keys", "client.key"), "--port", "5570", "--name", name);
        Assert.Equal(2, code);
        Assert.Contains($"netgear keys allow: --name: '{name}' is not allowed; give a plain file name", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "viewer")), "nothing is written");
    }

    [Fact(Timeout = 60_000)]
    public async Task Allow_with_a_key_file_that_does_not_exist_names_it()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", "allow", _dir, Path.Combine(_dir, "nokey"), "--port", "5570");
        Assert.Equal(2, code);
        Assert.Contains("netgear keys allow: KEYFILE: ", stderr);
        Assert.Contains("does not exist", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Allow_with_a_file_that_is_not_a_key_is_a_usage_error_naming_it()
    {
        var notKey = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(notKey, "not a certificate");
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", "allow", _dir, notKey, "--port", "5570");
        Assert.Equal(2, code); // before: exit 1
        Assert.Contains($"key file '{notKey}': no public-key line found", stderr);
        Assert.Contains("Run 'netgear keys allow --help'", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Generate_where_no_folder_can_be_made_is_a_usage_error()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "keys", "generate", "/proc/netgear-no-keys-here");
        Assert.Equal(2, code); // before: exit 1, 'could not find file'
        Assert.Contains("netgear keys generate: DIR: cannot write keys under '/proc/netgear-no-keys-here'", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Serve_with_a_keys_folder_without_keys_is_a_usage_error_saying_how_to_make_them()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "serve", "--port", NetGearSharp.TestSupport.FreePorts.One().ToString(), "--secure", "stonehouse", "--keys", Path.Combine(_dir, "none"), "--frames", "1");
        Assert.Equal(2, code); // before: exit 1
        Assert.Contains("the file does not exist", stderr);
        Assert.Contains("netgear keys generate", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Secure_mode_for_a_user_without_a_home_folder_asks_for_keys()
    {
        // Before: 'path: the value cannot be an empty string.' (a service account, or HOME naming no folder).
        using var serve = CliProcess.StartWith(new Dictionary<string, string> { ["HOME"] = Path.Combine(_dir, "no-such-home") },
            "serve", "--port", NetGearSharp.TestSupport.FreePorts.One().ToString(), "--secure", "stonehouse");
        Assert.Equal(2, await serve.WaitAsync(ProcessTimeout));
        Assert.Contains("netgear serve: --keys: no key folder is given and this user has no home folder", serve.StandardError);
    }
}
