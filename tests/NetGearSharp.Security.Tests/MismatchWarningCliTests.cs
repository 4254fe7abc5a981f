using System.Diagnostics;
using System.Globalization;
using NetGearSharp.Security.Tests.Support;
using NetGearSharp.TestSupport;

namespace NetGearSharp.Security.Tests;

/// <summary>
/// <c>netgear serve</c> and <c>netgear view</c> in different secure modes (native transport): each says, on stderr,
/// that the other side is not in the same secure mode and what to do, instead of waiting in silence.
/// </summary>
public sealed class MismatchWarningCliTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CapturedProcess Start(string name, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(Netgear.Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DISPLAY"] = "";
        info.Environment["WAYLAND_DISPLAY"] = "";
        return new CapturedProcess(info, name);
    }

    [Fact]
    public async Task A_plain_viewer_and_a_secure_server_each_warn_naming_the_port()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One().ToString(CultureInfo.InvariantCulture);
        using var view = Start("view", "view", "--ports", port, "--transport", "native", "--summary", "json");
        using var serve = Start("serve", "serve", "--port", port, "--transport", "native", "--fps", "5", "--size", "64x48", "--secure", "stonehouse", "--keys", dir.Path);
        await view.WaitForOutputAsync($"netgear view: warning: Server {port} could not connect: it uses CURVE security (secure mode) and this client does not", Patience, standardErrorToo: true);
        Assert.Contains("--secure stonehouse|ironhouse", view.StandardError);
        await serve.WaitForOutputAsync($"netgear serve: warning: Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client does not use the same secure mode", Patience, standardErrorToo: true);
    }

    [Fact]
    public async Task A_secure_viewer_and_a_plain_server_each_warn_naming_the_port()
    {
        using var dir = new TempDir();
        KeyDirectory.At(dir.Path).Generate();
        var port = FreePorts.One().ToString(CultureInfo.InvariantCulture);
        using var view = Start("view", "view", "--ports", port, "--transport", "native", "--summary", "json", "--secure", "stonehouse", "--keys", dir.Path);
        using var serve = Start("serve", "serve", "--port", port, "--transport", "native", "--fps", "5", "--size", "64x48");
        await view.WaitForOutputAsync($"netgear view: warning: Server {port} failed to authenticate: it does not use the same secure mode", Patience, standardErrorToo: true);
        await serve.WaitForOutputAsync($"netgear serve: warning: Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client uses CURVE security (secure mode) and this server does not", Patience, standardErrorToo: true);
    }

    [Fact]
    public async Task An_IronHouse_viewer_that_does_not_list_the_servers_key_makes_the_server_say_which_file_to_add()
    {
        using var dir = new TempDir();
        var viewer = KeyDirectory.At(dir.Sub("viewer"));
        viewer.Generate();
        var camera = SecureRig.Camera(dir.Sub("camera"), viewer);
        var port = FreePorts.One().ToString(CultureInfo.InvariantCulture);
        using var view = Start("view", "view", "--ports", port, "--transport", "native", "--summary", "json", "--secure", "ironhouse", "--keys", viewer.Root);
        using var serve = Start("serve", "serve", "--port", port, "--transport", "native", "--fps", "5", "--size", "64x48", "--secure", "ironhouse", "--keys", camera.Root);
        await serve.WaitForOutputAsync($"netgear serve: warning: Server for port {port}: the client at tcp://127.0.0.1:{port} did not accept the connection: the client refused this server's public key", Patience, standardErrorToo: true);
        Assert.Contains($"this server's public key: {camera.ClientPublicFile}", serve.StandardError);
        await view.WaitForOutputAsync($"netgear view: warning: Server {port} failed to authenticate: public key {camera.LoadClientKeyPair().PublicKey} refused", Patience, standardErrorToo: true);
    }
}
