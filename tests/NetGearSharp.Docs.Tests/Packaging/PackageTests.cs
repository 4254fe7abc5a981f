using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetGearSharp.Docs.Tests.Snippets;
using NetGearSharp.Docs.Tests.Support;

namespace NetGearSharp.Docs.Tests.Packaging;

/// <summary>
/// The packages are what <c>dotnet add package</c> users expect: packed into a temporary folder, checked (metadata,
/// symbols, dependencies, the tool's runtime and contents), then a fresh app is built against them — not against
/// project references — from docs/getting-started.md, and run: three servers, one client.
/// </summary>
public sealed partial class PackageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    [Fact(Timeout = 3_600_000)]
    public async Task PackagesInstallIntoAFreshAppThatRunsTheGettingStartedProgram()
    {
        // A version no cache has seen, so the app restores these very packages.
        var version = $"0.1.0-packtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Directory.CreateTempSubdirectory("netgear-packages-");
        var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "packages")).FullName;
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            foreach (var project in new[] { "src/NetGearSharp/NetGearSharp.csproj", "src/NetGearSharp.OpenCv/NetGearSharp.OpenCv.csproj" })
                await Dotnet(RepoPaths.Root, "pack", project, "-c", configuration, "--no-build", "-o", feed, $"-p:Version={version}");
            // The tool: a RID-specific tool package is built for its runtime while packing.
            await Dotnet(RepoPaths.Root, "pack", "src/NetGearSharp.Cli/NetGearSharp.Cli.csproj", "-c", configuration, "-o", feed, $"-p:Version={version}");

            CheckLibrary(feed, "NetGearSharp", version);
            var openCv = CheckLibrary(feed, "NetGearSharp.OpenCv", version);
            var dependencies = Dependencies(openCv);
            Assert.Contains("OpenCvSharp4", dependencies);
            Assert.Contains("NetGearSharp", dependencies);
            Assert.DoesNotContain(dependencies, d => d.Contains("runtime", StringComparison.OrdinalIgnoreCase));
            CheckTool(feed, version);

            // A fresh app, as docs/getting-started.md makes it, with the packages from the feed plus the machine's sources.
            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "Cameras")).FullName;
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="netgear-packages" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await Dotnet(app, "new", "console", "--force");
            await Dotnet(app, "add", "package", "NetGearSharp", "--version", version);
            await Dotnet(app, "add", "package", "NetGearSharp.OpenCv", "--version", version);
            await Dotnet(app, "add", "package", "OpenCvSharp4.official.runtime.linux-x64", "--version", "4.13.0.20260627");
            var csproj = await File.ReadAllTextAsync(Path.Combine(app, "Cameras.csproj"));
            Assert.DoesNotContain("ProjectReference", csproj);

            var ports = FreePorts.Take(3);
            var program = GettingStartedProgram().Replace("[5566, 5567, 5568]", $"[{string.Join(", ", ports)}]", StringComparison.Ordinal);
            Assert.Contains(ports[0].ToString(), program);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program + "\nConsole.WriteLine(OpenCvCheck.Run());\n");
            await File.WriteAllTextAsync(Path.Combine(app, "OpenCvCheck.cs"), """
                using NetGearSharp.OpenCv;
                using OpenCvSharp;

                internal static class OpenCvCheck
                {
                    public static string Run()
                    {
                        using var mat = new Mat(2, 4, MatType.CV_8UC3, new Scalar(1, 2, 3));
                        using var frame = mat.ToFrame();
                        using var back = frame.ToMat();
                        return $"opencv {frame.Height}x{frame.Width}x{frame.Channels} {back.At<Vec3b>(1, 3).Item2}";
                    }
                }
                """);
            var run = await Dotnet(app, "run", "-c", "Release");
            foreach (var port in ports) Assert.Contains($"{port}: Terminated, 50 frames", run.Stdout);
            Assert.Contains("ended: AllServersGone", run.Stdout);
            Assert.Contains("opencv 2x4x3 3", run.Stdout);
            Assert.Matches(new Regex($@"{ports[1]}: frame 10, 320x240, \{{""camera"":""cam-1"",""n"":10\}}"), run.Stdout);
        }
        finally
        {
            work.Delete(recursive: true);
            foreach (var id in new[] { "netgearsharp", "netgearsharp.opencv", "netgearsharp.cli", "netgearsharp.cli.linux-x64" })
            {
                var cached = Path.Combine(globalPackages, id, version);
                if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
            }
        }
    }

    /// <summary>The C# program of docs/getting-started.md (the one with three servers).</summary>
    private static string GettingStartedProgram()
        => SnippetExtractor.From(RepoPaths.Root)
            .Single(s => s.File == Path.Combine("docs", "getting-started.md") && s.Code.Contains("new NetGearServer", StringComparison.Ordinal))
            .Code;

    private static async Task<ProcessRun.Result> Dotnet(string directory, params string[] args)
    {
        var result = await ProcessRun.RunAsync("dotnet", args, directory, Step);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)} (in {directory}):\n{result}");
        return result;
    }

    private static XElement Nuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XElement.Load(stream);
    }

    private static string Meta(XElement nuspec, string name)
        => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

    private static string[] Dependencies(XElement nuspec)
        => nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToArray();

    /// <summary>Metadata every package carries, its readme inside, and its symbols package.</summary>
    private static XElement CheckLibrary(string feed, string id, string version)
    {
        var nupkg = Path.Combine(feed, $"{id}.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} was not packed");
        Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.snupkg")), $"{id} has no symbols package");
        var nuspec = CheckMetadata(nupkg);
        using var zip = ZipFile.OpenRead(nupkg);
        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");
        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
        return nuspec;
    }

    private static XElement CheckMetadata(string nupkg)
    {
        var nuspec = Nuspec(nupkg);
        Assert.Equal("Apache-2.0", Meta(nuspec, "license"));
        Assert.Equal("README.md", Meta(nuspec, "readme"));
        Assert.NotEmpty(Meta(nuspec, "description"));
        Assert.Contains("vidgear", Meta(nuspec, "tags"));
        Assert.Equal("The NetGearSharp contributors", Meta(nuspec, "authors"));
        var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", (string?)repository.Attribute("url"));
        using var zip = ZipFile.OpenRead(nupkg);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        return nuspec;
    }

    /// <summary>The tool says linux-x64 (the only runtime its OpenCV library exists for) and ships no bench assembly.</summary>
    private static void CheckTool(string feed, string version)
    {
        var pointer = Path.Combine(feed, $"NetGearSharp.Cli.{version}.nupkg");
        var inner = Path.Combine(feed, $"NetGearSharp.Cli.linux-x64.{version}.nupkg");
        Assert.True(File.Exists(pointer), "the tool package was not packed");
        Assert.True(File.Exists(inner), "the tool has no linux-x64 package");
        CheckMetadata(pointer);
        using var zip = ZipFile.OpenRead(inner);
        var files = zip.Entries.Select(e => e.FullName).Where(f => f.StartsWith("tools/", StringComparison.Ordinal)).ToArray();
        Assert.All(files, f => Assert.StartsWith("tools/net10.0/linux-x64/", f));
        Assert.Contains("tools/net10.0/linux-x64/netgear.dll", files);
        Assert.Contains("tools/net10.0/linux-x64/libOpenCvSharpExtern.so", files);
        Assert.DoesNotContain(files, f => f.Contains("NetGearSharp.Bench", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/runtimes/win", StringComparison.Ordinal) || f.Contains("/runtimes/osx", StringComparison.Ordinal));
    }
}
