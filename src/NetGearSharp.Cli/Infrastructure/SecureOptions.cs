using System.CommandLine;
using NetGearSharp.Bench;

namespace NetGearSharp.Cli;

/// <summary>The <c>--secure</c> and <c>--keys</c> options, shared by <c>serve</c>, <c>view</c> and <c>demo</c>.</summary>
internal sealed class SecureOptions
{
    /// <summary><c>--secure stonehouse|ironhouse</c>.</summary>
    public Option<string?> Secure { get; } = new("--secure")
    {
        HelpName = "stonehouse|ironhouse",
        Description = "CURVE security, as VidGear's secure_mode: stonehouse (encrypted; senders need the viewer's public key) or ironhouse (also only allowed sender keys; the viewer needs libzmq: --transport auto where it loads, or native). Default: none.",
    };

    /// <param name="keysDefault">What <c>--keys</c> defaults to, as its help says it.</param>
    public SecureOptions(string keysDefault = "the home folder")
    {
        Keys = new("--keys")
        {
            HelpName = "DIRECTORY",
            Description = $"Key folder with VidGear's layout (DIRECTORY/.vidgear/keys/...), made by 'netgear keys generate DIRECTORY'. Default: {keysDefault}.",
        };
    }

    /// <summary><c>--keys DIR</c>.</summary>
    public Option<string?> Keys { get; }

    /// <summary>Adds both options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Secure);
        command.Options.Add(Keys);
    }

    /// <summary>Checks the two options.</summary>
    /// <exception cref="UsageException">An unknown mode, or <c>--keys</c> without <c>--secure</c>.</exception>
    public SecuritySettings Parse(ParseResult result)
    {
        var secure = result.GetValue(Secure);
        var keys = result.GetValue(Keys);
        var mode = secure is null ? SecureMode.Grasslands : OptionWords.Secure(secure)
            ?? throw new UsageException("--secure", $"'{secure}' is not allowed; use stonehouse or ironhouse (or leave it out for none).");
        if (keys is not null && mode == SecureMode.Grasslands)
            throw new UsageException("--keys", "keys are used only with --secure stonehouse or --secure ironhouse.");
        if (keys is not null && string.IsNullOrWhiteSpace(keys))
            throw new UsageException("--keys", "is empty; give the folder that holds .vidgear/keys (made by 'netgear keys generate DIR').");
        return new SecuritySettings(mode, keys);
    }
}
