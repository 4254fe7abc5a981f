namespace NetGearSharp.Security;

/// <summary>What <see cref="KeyDirectory.Generate"/> did.</summary>
/// <param name="Directory">The key directory.</param>
/// <param name="Created">True when new keys were written; false when complete keys were already there and kept.</param>
/// <param name="Keys">The keys now in the directory.</param>
public sealed record KeyGenerationResult(KeyDirectory Directory, bool Created, KeySet Keys);
