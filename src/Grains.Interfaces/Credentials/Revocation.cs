namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// One revoked credential as the cluster's revocation feed lists it: the credential's grain key (a token's
/// <see cref="StudentToken.KeyOf"/>) and its place in the feed, from 1 and without gaps, so a front end can tell that it
/// missed one.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.Revocation")]
public sealed record Revocation(long Sequence, string CredentialKey);
