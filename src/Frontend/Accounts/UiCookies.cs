using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;
using PPipe.Grains.Client.Credentials;
using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Frontend.Accounts;

/// <summary>The UI's sign-in cookie: HTTP-only, same-site, eight hours sliding; a student's is dropped once their token is revoked.</summary>
public static class UiCookies
{
    /// <summary>How long a checked student token is trusted before it is checked again (a revoked one is forgotten at once).</summary>
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(60);

    /// <summary>The cache key of a student's checked credential.</summary>
    public static object CacheKeyOf(string credentialKey) => ("ui-student", credentialKey);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "ppipe.ui";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = "/signin";
        options.AccessDeniedPath = "/denied";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ValidateStudentAsync;
    }

    private static async Task ValidateStudentAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        if (user is null || !user.IsInRole(AccountRoles.Student))
        {
            return;
        }

        var credential = user.FindFirst(UiAuth.CredentialClaim)?.Value;
        var enrollment = UiAuth.EnrollmentOf(user);
        var services = context.HttpContext.RequestServices;
        var cache = services.GetRequiredService<IMemoryCache>();
        var valid = false;
        if (credential is not null && enrollment is not null && !cache.TryGetValue(CacheKeyOf(credential), out valid))
        {
            var revocations = services.GetRequiredService<RevocationListener>();
            var version = revocations.Version;
            valid = await services.GetRequiredService<AccountService>().StillValidAsync(credential, enrollment);
            // A revocation that arrived during the check may be this one's: what was read is not kept.
            if (revocations.Version == version)
            {
                cache.Set(CacheKeyOf(credential), valid, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = RecheckEvery, Size = 1 });
            }
        }

        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(UiAuth.CookieScheme);
        }
    }

}
