using System.Diagnostics;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// <c>bash scripts/demo</c> (the README's first command) sets up only what the demo needs (scripts/demo-setup), not
/// every test dependency (scripts/setup: chromium, xvfb, nats-server, gcc, ...). Nothing here installs a package.
/// </summary>
public sealed class DemoScriptTests
{
    private static string Script(string name) => Path.Combine(RepoPaths.Root, "scripts", name);

    [Fact]
    public void The_demo_runs_the_demo_set_up_and_the_tests_set_up_builds_on_it()
    {
        var demo = File.ReadAllText(Script("demo"));
        Assert.Contains("bash scripts/demo-setup", demo);
        Assert.DoesNotContain("bash scripts/setup", demo);
        var demoSetup = File.ReadAllText(Script("demo-setup"));
        foreach (var testOnly in new[] { "chromium", "xvfb", "nats-server", "gcc", "imagemagick", "python3-zmq" })
            Assert.DoesNotContain(testOnly, demoSetup);
        foreach (var needed in new[] { "libzmq5", "libturbojpeg0", "libgtk-3-0" }) Assert.Contains(needed, demoSetup);
        Assert.Contains("bash scripts/demo-setup", File.ReadAllText(Script("setup")));
    }

    [Fact(Timeout = 30_000)]
    public async Task Installing_packages_that_are_installed_does_nothing()
    {
        var (code, output) = await Bash(Script("install-packages"), "libc6");
        Assert.True(code == 0, output);
        Assert.Equal("", output);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_package_without_apt_get_is_named_not_installed()
    {
        // A PATH with the few tools the script needs and no apt-get (nor sudo).
        var bin = Directory.CreateTempSubdirectory("netgear-no-apt-").FullName;
        try
        {
            foreach (var tool in new[] { "dpkg-query", "grep", "id" })
                File.CreateSymbolicLink(Path.Combine(bin, tool), Which(tool));
            var (code, output) = await Bash(Script("install-packages"), "libc6", "no-such-package-netgear", environment: ("PATH", bin));
            Assert.Equal(1, code);
            Assert.Contains("missing no-such-package-netgear, and there is no apt-get here", output);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private static string Which(string tool) => new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);

    private static async Task<(int Code, string Output)> Bash(string script, string arg1, string? arg2 = null, (string Name, string Value)? environment = null)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(arg1);
        if (arg2 is not null) info.ArgumentList.Add(arg2);
        if (environment is { } env) info.Environment[env.Name] = env.Value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
