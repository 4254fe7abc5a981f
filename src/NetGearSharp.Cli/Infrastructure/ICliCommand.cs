using System.CommandLine;

namespace NetGearSharp.Cli;

/// <summary>One sub-command of <c>netgear</c>: its definition (options) and its action.</summary>
internal interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command with its options and action.</summary>
    Command Build();
}
