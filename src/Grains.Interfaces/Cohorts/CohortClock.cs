using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// Maps wall time to scenario time for one cohort: scenario time runs <see cref="Speed"/> times
/// faster than wall time from <see cref="StartsAt"/>, and stands still while the cohort is paused.
/// Pure and immutable, so grains, the API and the UI compute the same answers without a call.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortClock")]
public sealed record CohortClock(DateTimeOffset StartsAt, double Speed, ImmutableArray<CohortPause> Pauses)
{
    /// <summary>At most this many pauses are kept: a cohort is paused by people, not by machines.</summary>
    public const int MaxPauses = 200;

    public static CohortClock Create(DateTimeOffset startsAt, double speed)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a positive, finite number.");
        }

        return new CohortClock(startsAt, speed, []);
    }

    /// <summary>
    /// Equal when the start, the speed and every pause are: each read of a cohort brings its pauses in a new array, and an
    /// enrollment stores its cohort again only when a fresh read differs from the one it holds.
    /// </summary>
    public bool Equals(CohortClock? other) =>
        other is not null && StartsAt == other.StartsAt && Speed.Equals(other.Speed)
        && (Pauses.IsDefault ? [] : Pauses).SequenceEqual(other.Pauses.IsDefault ? [] : other.Pauses);

    public override int GetHashCode() => HashCode.Combine(StartsAt, Speed, Pauses.IsDefault ? 0 : Pauses.Length);

    /// <summary>True when the newest pause has not been resumed.</summary>
    public bool IsPaused => !Pauses.IsDefaultOrEmpty && Pauses[^1].ResumedAt is null;

    /// <summary>Scenario time elapsed at a wall time; negative before the start.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset wall)
    {
        if (wall <= StartsAt)
        {
            return (wall - StartsAt) * Speed;
        }

        var running = wall - StartsAt;
        foreach (var pause in Pauses.IsDefault ? [] : Pauses)
        {
            if (pause.PausedAt >= wall)
            {
                break;
            }

            var begin = Max(pause.PausedAt, StartsAt);
            var end = pause.ResumedAt is { } resumed && resumed < wall ? resumed : wall;
            if (end > begin)
            {
                running -= end - begin;
            }
        }

        return running * Speed;
    }

    /// <summary>
    /// The wall time at which scenario time reaches <paramref name="elapsed"/>, or null when it lies
    /// after an open pause (nobody knows when the cohort resumes).
    /// </summary>
    public DateTimeOffset? WallTimeAt(TimeSpan elapsed)
    {
        var wall = StartsAt + elapsed / Speed;
        if (elapsed <= TimeSpan.Zero)
        {
            return wall;
        }

        foreach (var pause in Pauses.IsDefault ? [] : Pauses)
        {
            var pausedAt = Max(pause.PausedAt, StartsAt);
            if (pausedAt >= wall)
            {
                break;
            }

            if (pause.ResumedAt is not { } resumed)
            {
                return null;
            }

            if (resumed > pausedAt)
            {
                wall += resumed - pausedAt;
            }
        }

        return wall;
    }

    public CohortClock Pause(DateTimeOffset at)
    {
        if (IsPaused)
        {
            throw new InvalidOperationException("The cohort is already paused.");
        }

        if (!Pauses.IsDefaultOrEmpty && at < Pauses[^1].ResumedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), "A pause cannot start before the previous one ended.");
        }

        if (Pauses.Length >= MaxPauses)
        {
            throw new InvalidOperationException($"A cohort can be paused at most {MaxPauses} times.");
        }

        return this with { Pauses = Pauses.Add(new CohortPause(at, null)) };
    }

    public CohortClock Resume(DateTimeOffset at)
    {
        if (!IsPaused)
        {
            throw new InvalidOperationException("The cohort is not paused.");
        }

        var open = Pauses[^1];
        if (at < open.PausedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), "A cohort cannot resume before it was paused.");
        }

        return this with { Pauses = Pauses.SetItem(Pauses.Length - 1, open with { ResumedAt = at }) };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
