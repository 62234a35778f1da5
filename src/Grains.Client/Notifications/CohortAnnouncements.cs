using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Client.Notifications;

/// <summary>
/// A process's view of cohorts' announcements, for students' pages and event streams: each cohort's list is read from its
/// <see cref="ICohortNotificationsGrain"/> at most once per <see cref="Freshness"/> and one read at a time (callers
/// meanwhile share the read under way), so ten thousand open pages and streams cost one grain call every two seconds.
/// </summary>
public sealed class CohortAnnouncements(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    /// <summary>Cohorts whose list is kept; beyond this the least recently read is dropped.</summary>
    private const int MaxCohorts = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cohort's newest announcements, newest first.</summary>
    public Task<ImmutableArray<AnnouncementStatus>> GetAsync(string cohortId)
    {
        var now = time.GetUtcNow();
        TaskCompletionSource<ImmutableArray<AnnouncementStatus>> read;
        Entry? entry;
        lock (_lock)
        {
            if (_entries.TryGetValue(cohortId, out entry) && (entry.Reading is not null || now - entry.ReadAt < Freshness))
            {
                return entry.Reading ?? Task.FromResult(entry.List);
            }

            if (entry is null && _entries.Count >= MaxCohorts)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.ReadAt).Key);
            }

            entry ??= _entries[cohortId] = new Entry();
            // Callers resume on their own schedulers, never inline on whichever thread completes the read.
            read = new TaskCompletionSource<ImmutableArray<AnnouncementStatus>>(TaskCreationOptions.RunContinuationsAsynchronously);
            entry.Reading = read.Task;
            entry.ReadAt = now;
        }

        _ = ReadAsync(cohortId, entry, read);
        return read.Task;
    }

    private async Task ReadAsync(string cohortId, Entry entry, TaskCompletionSource<ImmutableArray<AnnouncementStatus>> read)
    {
        try
        {
            var list = await grains.GetGrain<ICohortNotificationsGrain>(cohortId).GetAnnouncementsAsync().ConfigureAwait(false);
            lock (_lock)
            {
                entry.List = list;
                entry.Reading = null;
            }

            read.SetResult(list);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                // A failed read is not kept: the next caller reads again.
                entry.Reading = null;
                entry.ReadAt = DateTimeOffset.MinValue;
            }

            read.SetException(e);
        }
    }

    private sealed class Entry
    {
        public ImmutableArray<AnnouncementStatus> List { get; set; } = [];

        public DateTimeOffset ReadAt { get; set; }

        public Task<ImmutableArray<AnnouncementStatus>>? Reading { get; set; }
    }
}
