using System.Collections.Concurrent;

namespace PPipe.Frontend.Accounts;

/// <summary>
/// Slows password and token guessing on the sign-in page: after <see cref="MaxFailures"/> failed sign-ins
/// from one address, or for one user name, within <see cref="Window"/>, further attempts are refused until
/// the window ends. Kept in this front end's memory, bounded by <see cref="MaxTracked"/>.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 10;
    public const int MaxTracked = 100_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>When the next attempt is allowed for these keys, or null when it is allowed now.</summary>
    public DateTimeOffset? BlockedUntil(params ReadOnlySpan<string> keys)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        foreach (var key in keys)
        {
            if (_failures.TryGetValue(key, out var failures) && failures.Count >= MaxFailures && failures.EndsAt > now)
            {
                until = until is { } u && u > failures.EndsAt ? u : failures.EndsAt;
            }
        }

        return until;
    }

    /// <summary>Counts one failed sign-in against each key.</summary>
    public void Failed(params ReadOnlySpan<string> keys)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var (key, stale) in _failures)
            {
                if (stale.EndsAt <= now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        foreach (var key in keys)
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now + Window),
                (_, known) => known.EndsAt <= now ? new Failures(1, now + Window) : known with { Count = known.Count + 1 });
        }
    }

    private sealed record Failures(int Count, DateTimeOffset EndsAt);
}
