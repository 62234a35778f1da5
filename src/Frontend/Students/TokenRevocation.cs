using Microsoft.Extensions.Caching.Memory;
using PPipe.Frontend.Accounts;
using PPipe.Grains.Client.Credentials;

namespace PPipe.Frontend.Students;

/// <summary>Wires this front end to the cluster's revocation feed: a revoked token is dropped from both token caches at once.</summary>
public static class TokenRevocation
{
    /// <summary>
    /// Registers the <see cref="RevocationListener"/> (one per front end, running for its lifetime) and has it evict what
    /// <see cref="StudentTokenHandler"/> (students' programs) and <see cref="UiCookies"/> (students signed in to the UI)
    /// cached of each revoked token.
    /// </summary>
    public static IServiceCollection AddTokenRevocation(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var listener = ActivatorUtilities.CreateInstance<RevocationListener>(sp);
            var cache = sp.GetRequiredService<IMemoryCache>();
            listener.Revoked += credentialKey =>
            {
                cache.Remove(credentialKey);
                cache.Remove(UiCookies.CacheKeyOf(credentialKey));
            };
            return listener;
        });
        return services.AddHostedService(sp => sp.GetRequiredService<RevocationListener>());
    }
}
