using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;
using PPipe.Grains.Client.Credentials;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Students;

/// <summary>
/// Authenticates students' programs by <c>Authorization: Bearer &lt;token&gt;</c>: the token's hash keys a credential
/// grain that names the enrollment. Resolutions are cached per front end, so a polling program costs no grain call: each
/// is looked up again after <see cref="CacheFor"/>, give or take a quarter (spread, so that tokens first seen together
/// do not all expire together). A revoked token is dropped from the cache the moment the cluster's revocation feed
/// tells this front end (<see cref="RevocationListener"/>), before the revocation is answered; while this front end
/// cannot hear from the feed, a resolution is trusted only for <see cref="RevocationListener.TrustWithoutFeed"/> after
/// it was checked. When a look-up fails because the cluster or its storage cannot answer, the last answer keeps serving
/// (for up to <see cref="ServeStaleFor"/>) and the look-up is tried again a few seconds later: students' polls outlive a
/// database outage.
/// </summary>
public sealed class StudentTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    IMemoryCache cache,
    RevocationListener revocations) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StudentToken";
    public const string EnrollmentClaim = "ppipe:enrollment";
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    /// <summary>How long a resolution may serve while the cluster cannot be asked again.</summary>
    public static readonly TimeSpan ServeStaleFor = TimeSpan.FromMinutes(30);

    /// <summary>How soon a look-up that failed is tried again.</summary>
    private static readonly TimeSpan RetryFailedLookupAfter = TimeSpan.FromSeconds(5);

    private static readonly MemoryCacheEntryOptions CacheEntry = new() { AbsoluteExpirationRelativeToNow = ServeStaleFor, Size = 1 };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!StudentToken.LooksValid(token))
        {
            return AuthenticateResult.Fail("The token is not a P-PIPE student token.");
        }

        var key = StudentToken.KeyOf(token);
        var now = TimeProvider.GetUtcNow();
        var cached = cache.Get<Resolution>(key);
        var enrollment = cached?.Enrollment;
        if (cached is null || now >= cached.RefreshAt || !revocations.Trusts(cached.CheckedAt, cached.Epoch, now))
        {
            var (version, epoch) = (revocations.Version, revocations.Epoch);
            try
            {
                enrollment = await grains.GetGrain<ICredentialGrain>(key).ResolveAsync();
                // A revocation that arrived during the look-up may be this token's: what was read is not kept.
                if (revocations.Version == version)
                {
                    cache.Set(key, new Resolution(enrollment, now, epoch, now + Spread(CacheFor)), CacheEntry);
                }
            }
            catch (Exception e) when (cached is not null && ClusterUnavailableHandler.IsUnavailable(e))
            {
                // Keep serving what this token resolved to; ask again shortly.
                cache.Set(key, cached with { RefreshAt = now + RetryFailedLookupAfter }, CacheEntry);
            }
        }

        if (enrollment is null)
        {
            return AuthenticateResult.Fail("The token is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, enrollment.StudentId), new Claim(EnrollmentClaim, enrollment.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Unauthorized(failure ?? "Send your student token as 'Authorization: Bearer <token>'.").ExecuteAsync(Context);
    }

    /// <summary>A period spread over ±25 %.</summary>
    private static TimeSpan Spread(TimeSpan period) => period * (0.75 + (Random.Shared.NextDouble() / 2));

    /// <summary>What a token resolved to (null: unknown or revoked), when and in which revocation epoch it was checked, and when to ask again.</summary>
    private sealed record Resolution(EnrollmentKey? Enrollment, DateTimeOffset CheckedAt, long Epoch, DateTimeOffset RefreshAt);

    /// <summary>The enrollment of an authenticated student request.</summary>
    public static EnrollmentKey EnrollmentOf(ClaimsPrincipal user) =>
        EnrollmentKey.Parse(user.FindFirstValue(EnrollmentClaim) ?? throw new InvalidOperationException("Not a student request."));
}
