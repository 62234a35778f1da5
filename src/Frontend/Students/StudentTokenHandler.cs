using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PPipe.Frontend.Api;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Students;

/// <summary>
/// Authenticates students' programs by <c>Authorization: Bearer &lt;token&gt;</c>: the token's hash
/// keys a credential grain that names the enrollment. Resolutions are cached briefly per front end, so
/// a polling program costs no grain call; a revoked token stops working within <see cref="CacheFor"/>.
/// </summary>
public sealed class StudentTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    IMemoryCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StudentToken";
    public const string EnrollmentClaim = "ppipe:enrollment";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    private static readonly MemoryCacheEntryOptions CacheEntry = new() { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 };

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
        if (!cache.TryGetValue(key, out EnrollmentKey? enrollment))
        {
            enrollment = await grains.GetGrain<ICredentialGrain>(key).ResolveAsync();
            cache.Set(key, enrollment, CacheEntry);
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

    /// <summary>The enrollment of an authenticated student request.</summary>
    public static EnrollmentKey EnrollmentOf(ClaimsPrincipal user) =>
        EnrollmentKey.Parse(user.FindFirstValue(EnrollmentClaim) ?? throw new InvalidOperationException("Not a student request."));
}
