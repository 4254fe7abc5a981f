namespace NetGearSharp.Transport;

/// <summary>The port a message's header part names, or null when it names none (or cannot be read).</summary>
/// <param name="header">The header part, whole.</param>
internal delegate int? HeaderPortReader(ReadOnlySpan<byte> header);
