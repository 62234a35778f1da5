using System.Collections.Concurrent;
using System.Collections.Immutable;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// Checks and applies unsubscribe links for the one-click route and the confirmation page: a token counts only when it
/// names an existing cohort and carries that cohort's signature; applying it turns the kind off for the student (or the
/// cohort's instructor) it names. Signing keys are read once per cohort per process.
/// </summary>
public sealed class Unsubscribes(IGrainFactory grains, CohortDirectory cohorts)
{
    private const int MaxCachedKeys = 1024;

    private readonly ConcurrentDictionary<string, Task<ImmutableArray<byte>>> _keys = new(StringComparer.Ordinal);

    /// <summary>What the token says when it is genuine; null for anything else (malformed, forged, changed, an unknown cohort).</summary>
    public async Task<UnsubscribeToken?> VerifyAsync(string? token)
    {
        // The cohort's shape is checked before any look-up: a made-up token must not wake grains for made-up cohorts.
        if (!UnsubscribeToken.TryRead(token, out var claims) || !IsCohortId(claims.CohortId) || await cohorts.GetAsync(claims.CohortId) is null)
        {
            return null;
        }

        if (_keys.Count > MaxCachedKeys)
        {
            _keys.Clear();
        }

        var read = _keys.GetOrAdd(claims.CohortId, id => grains.GetGrain<ICohortNotificationsGrain>(id).GetSigningKeyAsync());
        ImmutableArray<byte> key;
        try
        {
            key = await read;
        }
        catch
        {
            _keys.TryRemove(new KeyValuePair<string, Task<ImmutableArray<byte>>>(claims.CohortId, read));
            throw;
        }

        return UnsubscribeToken.Verify(token!, key.AsSpan()) ? claims : null;
    }

    /// <summary>What cohort ids look like: <c>c-</c> and twelve lowercase hex digits.</summary>
    private static bool IsCohortId(string id) =>
        id.Length == 14 && id.StartsWith("c-", StringComparison.Ordinal) && id.AsSpan(2).IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>Turns the token's kind off; false when it was off already.</summary>
    public Task<bool> ApplyAsync(UnsubscribeToken claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.StudentId is { } studentId
            ? grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(claims.CohortId, studentId).ToString()).MuteNotificationsAsync(claims.Kind)
            : grains.GetGrain<ICohortNotificationsGrain>(claims.CohortId).MuteAsync(claims.Kind);
    }
}
