namespace NetGearSharp.Cli.Serving;

/// <summary>Creates servers, turning the core library's option errors into usage errors that name the option.</summary>
internal static class ServerFactory
{
    /// <summary>Creates the server.</summary>
    /// <exception cref="UsageException">The core rejected an option.</exception>
    public static NetGearServer Create(NetGearServerOptions options)
    {
        try
        {
            return new NetGearServer(options);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.FromCore(ex);
        }
    }
}
