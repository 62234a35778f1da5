using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// The index from a bucket access key id to its enrollment and secret, keyed <c>k-{accessKeyId}</c>.
/// Signature V4 needs the secret itself to verify a request, so unlike tokens it is stored.
/// </summary>
[Alias("ppipe.IBucketKeyGrain")]
public interface IBucketKeyGrain : IGrainWithStringKey
{
    /// <summary>Binds the key to an enrollment and secret; false when it is already bound to another enrollment, or revoked.</summary>
    [Alias("Bind")]
    Task<bool> BindAsync(EnrollmentKey enrollment, string secretAccessKey);

    /// <summary>The enrollment and secret of this key, or null when unknown or revoked.</summary>
    [Alias("Resolve")]
    Task<BucketKey?> ResolveAsync();

    /// <summary>Revokes the key for good (its student got new keys, or was removed); later requests signed with it are refused.</summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
