namespace NetGearSharp.Web.Tests.Window;

/// <summary>
/// The tests that start their own X server (Xvfb) and open a GTK window run one at a time, after the others: in
/// parallel on a loaded 2-core machine a demo once failed to initialise GTK on its fresh display (CI).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class XDisplayTests
{
    public const string Name = "X displays";
}
