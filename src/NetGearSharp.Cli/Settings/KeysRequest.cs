namespace NetGearSharp.Cli;

/// <summary>The checked arguments of a <c>netgear keys</c> sub-command.</summary>
/// <param name="Action">Which sub-command.</param>
/// <param name="Directory">The key folder (null: the home folder).</param>
/// <param name="Overwrite"><c>generate --overwrite</c>.</param>
/// <param name="KeyFile"><c>allow</c>: the public key file to allow.</param>
/// <param name="Port"><c>allow</c>: the port.</param>
/// <param name="Name"><c>allow</c>: the file name under <c>ports/PORT</c>, or null for a default.</param>
internal sealed record KeysRequest(KeysAction Action, string? Directory, bool Overwrite, string? KeyFile, int Port, string? Name);
