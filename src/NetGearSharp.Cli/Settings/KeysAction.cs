namespace NetGearSharp.Cli;

/// <summary>The sub-commands of <c>netgear keys</c>.</summary>
internal enum KeysAction
{
    /// <summary><c>keys generate</c>.</summary>
    Generate,
    /// <summary><c>keys show</c>.</summary>
    Show,
    /// <summary><c>keys allow</c>.</summary>
    Allow,
}
