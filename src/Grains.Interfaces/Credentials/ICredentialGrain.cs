using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Credentials;

/// <summary>
/// The index from a student token to its enrollment, keyed by <see cref="StudentToken.KeyOf"/> (a hash:
/// tokens themselves are never stored). One call resolves a request's enrollment.
/// </summary>
[Alias("ppipe.ICredentialGrain")]
public interface ICredentialGrain : IGrainWithStringKey
{
    /// <summary>Binds this token hash to an enrollment; false when it is already bound to another one.</summary>
    [Alias("Bind")]
    Task<bool> BindAsync(EnrollmentKey enrollment);

    /// <summary>The enrollment this token opens, or null when it is unknown or revoked.</summary>
    [Alias("Resolve")]
    Task<EnrollmentKey?> ResolveAsync();

    /// <summary>
    /// Revokes the token for good and publishes it on the revocation feed, so every front end forgets it before this
    /// returns; later requests with it get 401. Calling it again publishes it again.
    /// </summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
