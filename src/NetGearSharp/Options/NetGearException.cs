namespace NetGearSharp;

/// <summary>A failure of a NetGear server or client at run time (not an argument error).</summary>
public class NetGearException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public NetGearException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public NetGearException(string message, Exception inner) : base(message, inner) { }
}
