namespace NetGearSharp.Interop.Tests.Support;

/// <summary>Several Python processes that are all killed together when the test ends, whatever happened.</summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly List<PythonPeer> _processes = [];

    public PythonPeer Add(PythonPeer process)
    {
        _processes.Add(process);
        return process;
    }

    public IReadOnlyList<PythonPeer> All => _processes;

    public void Dispose()
    {
        foreach (var p in _processes) p.Dispose();
    }
}
