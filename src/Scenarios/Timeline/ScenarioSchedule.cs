using PPipe.Scenarios.Events;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Timeline;

/// <summary>
/// Everything scheduled in a scenario, in scenario time (elapsed since the start), independent of any
/// cohort's start and speed: releases (with outage delays and exact row counts), batches, probe slots,
/// outages, drift, and the end. Pure and immutable. Map wall time to elapsed scenario time first (the platform does so
/// through a cohort's clock, which can pause) and ask here.
/// </summary>
public sealed class ScenarioSchedule
{
    private readonly ScheduledRelease[] _releases;
    private readonly ScheduledBatch[] _batches;
    private readonly OutageWindow[] _outages;
    private readonly TimelineEvent[] _events;

    public ScenarioSchedule(Scenario scenario)
    {
        Scenario = scenario;
        var compiled = scenario.Compiled;
        _outages = [.. scenario.Quirks.OfType<ChannelOutage>().Select(o => new OutageWindow(o.Channel, o.At, o.Until!.Value))];

        var plan = scenario.Releases;
        _releases = new ScheduledRelease[compiled.Layout.Count];
        for (var seq = 1; seq <= _releases.Length; seq++)
        {
            var due = plan.TimeOf(seq);
            var channel = plan.ChannelOf(seq);
            _releases[seq - 1] = new ScheduledRelease(
                seq,
                due,
                AvailableAfterOutages(channel, due),
                channel,
                compiled.Layout.RowCount(seq),
                compiled.Columns.NamesAt(due, ColumnSet.Release));
        }

        if (scenario.Batches is { } batches)
        {
            _batches = new ScheduledBatch[batches.CountWithin(scenario.Duration)];
            for (var seq = 1; seq <= _batches.Length; seq++)
            {
                // Nothing happens after the end: labels due later are revealed when the scenario ends. The batch
                // decides from its reveal when work stops being taken (late work at most until then).
                _batches[seq - 1] = new ScheduledBatch(
                    seq,
                    batches.OpensAt(seq),
                    batches.DueAt(seq),
                    Min(batches.LabelsAt(seq), scenario.Duration),
                    batches.Late,
                    batches.Rows,
                    compiled.Columns.NamesAt(batches.OpensAt(seq), ColumnSet.Features),
                    scenario.Forecast is null ? null : ValuesPublishedAt(plan, batches.OpensAt(seq), scenario.Duration));
            }
        }
        else
        {
            _batches = [];
        }

        ProbeSlotCount = scenario.Endpoint?.SlotCountWithin(scenario.Duration) ?? 0;
        _events = BuildEvents();
    }

    public Scenario Scenario { get; }

    /// <summary>When the release after the newest one out at <paramref name="opens"/> is due: the first to hold values a
    /// forecast batch opening then asks for. Null when that is not before the end.</summary>
    private static TimeSpan? ValuesPublishedAt(ReleasePlan releases, TimeSpan opens, TimeSpan end)
    {
        var next = releases.TimeOf((int)((opens - releases.First).Ticks / releases.Cadence.Ticks) + 2);
        return next < end ? next : null;
    }

    public TimeSpan Duration => Scenario.Duration;

    /// <summary>Every release, by seq (seq 1 at index 0).</summary>
    public IReadOnlyList<ScheduledRelease> Releases => _releases;

    /// <summary>Every batch, by seq (seq 1 at index 0).</summary>
    public IReadOnlyList<ScheduledBatch> Batches => _batches;

    public IReadOnlyList<OutageWindow> Outages => _outages;

    /// <summary>Probe slots from the endpoint requirement's start to the end; 0 without an endpoint.</summary>
    public long ProbeSlotCount { get; }

    public bool HasEnded(TimeSpan t) => t >= Duration;

    /// <summary>Releases available at <paramref name="t"/>, by seq. Availability is not always in seq order:
    /// a release held back by an outage can appear after a later one.</summary>
    public IReadOnlyList<ScheduledRelease> ReleasesAvailableAt(TimeSpan t) => [.. _releases.Where(r => r.AvailableAt <= t)];

    /// <summary>The next release to become available after <paramref name="t"/>, or null.</summary>
    public ScheduledRelease? NextReleaseAfter(TimeSpan t) =>
        _releases.Where(r => r.AvailableAt > t).MinBy(r => r.AvailableAt);

    public TimeSpan ProbeSlotTime(long slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, ProbeSlotCount);
        return Scenario.Endpoint!.SlotTime(slot);
    }

    /// <summary>The latest probe slot due at or before <paramref name="t"/>, or null before the first.</summary>
    public long? ProbeSlotAt(TimeSpan t)
    {
        if (ProbeSlotCount == 0 || t < Scenario.Endpoint!.From)
        {
            return null;
        }

        return Math.Min(ProbeSlotCount - 1, (t - Scenario.Endpoint.From).Ticks / Scenario.Endpoint.ProbeInterval.Ticks);
    }

    /// <summary>Probe slots due in (<paramref name="after"/>, <paramref name="upTo"/>]: what a tick at
    /// <paramref name="upTo"/> owes since a tick at <paramref name="after"/>.</summary>
    public ProbeSlotRange ProbeSlotsBetween(TimeSpan after, TimeSpan upTo)
    {
        var first = ProbeSlotAt(after) is { } last ? last + 1 : 0;
        var end = ProbeSlotAt(upTo) is { } final ? final + 1 : 0;
        return new ProbeSlotRange(first, Math.Max(0, end - first));
    }

    public bool IsChannelDown(Channel channel, TimeSpan t) => _outages.Any(o => o.Channel == channel && o.Covers(t));

    /// <summary>The first event of the given kinds strictly after <paramref name="t"/>; null when none is left.</summary>
    public TimelineEvent? NextEventAfter(TimeSpan t, TimelineEventKinds kinds = TimelineEventKinds.All)
    {
        TimelineEvent? next = null;
        for (var i = FirstAfter(t); i < _events.Length; i++)
        {
            if ((_events[i].Kind & kinds) != 0)
            {
                next = _events[i];
                break;
            }
        }

        if ((kinds & TimelineEventKinds.Probe) != 0 && ProbeSlotCount > 0)
        {
            var slot = ProbeSlotAt(t) is { } current ? current + 1 : 0;
            if (slot < ProbeSlotCount)
            {
                var probe = new TimelineEvent(Scenario.Endpoint!.SlotTime(slot), TimelineEventKinds.Probe, slot);
                if (next is not { } other || probe.At < other.At)
                {
                    next = probe;
                }
            }
        }

        return next;
    }

    /// <summary>Events of the given kinds in (<paramref name="after"/>, <paramref name="upTo"/>], in time order.
    /// Probe slots are left out (there can be very many): use <see cref="ProbeSlotsBetween"/>.</summary>
    public IReadOnlyList<TimelineEvent> EventsBetween(TimeSpan after, TimeSpan upTo, TimelineEventKinds kinds = TimelineEventKinds.AllButProbes)
    {
        var found = new List<TimelineEvent>();
        for (var i = FirstAfter(after); i < _events.Length && _events[i].At <= upTo; i++)
        {
            if ((_events[i].Kind & kinds) != 0)
            {
                found.Add(_events[i]);
            }
        }

        return found;
    }

    private int FirstAfter(TimeSpan t)
    {
        int low = 0, high = _events.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_events[mid].At <= t)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private TimeSpan AvailableAfterOutages(Channel channel, TimeSpan due)
    {
        // Outages of one channel can touch or overlap; keep moving to the end of whichever covers the time.
        var at = due;
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var outage in _outages)
            {
                if (outage.Channel == channel && outage.Covers(at))
                {
                    at = outage.To;
                    moved = true;
                }
            }
        }

        return at;
    }

    private TimelineEvent[] BuildEvents()
    {
        var events = new List<TimelineEvent>();
        foreach (var release in _releases)
        {
            events.Add(new TimelineEvent(release.AvailableAt, TimelineEventKinds.Release, release.Seq));
        }

        foreach (var batch in _batches)
        {
            events.Add(new TimelineEvent(batch.OpensAt, TimelineEventKinds.BatchOpens, batch.Seq));
            events.Add(new TimelineEvent(batch.DueAt, TimelineEventKinds.BatchDue, batch.Seq));
            events.Add(new TimelineEvent(batch.LabelsAt, TimelineEventKinds.BatchLabels, batch.Seq));
            if (batch.LateUntil > batch.DueAt)
            {
                events.Add(new TimelineEvent(batch.LateUntil, TimelineEventKinds.LateCutoff, batch.Seq));
            }
        }

        for (var i = 0; i < _outages.Length; i++)
        {
            events.Add(new TimelineEvent(_outages[i].From, TimelineEventKinds.OutageStarts, i));
            events.Add(new TimelineEvent(_outages[i].To, TimelineEventKinds.OutageEnds, i));
        }

        for (var i = 0; i < Scenario.Drift.Length; i++)
        {
            events.Add(new TimelineEvent(Scenario.Drift[i].At, TimelineEventKinds.Drift, i));
        }

        for (var i = 0; i < Scenario.Quirks.Length; i++)
        {
            events.Add(new TimelineEvent(Scenario.Quirks[i].At, TimelineEventKinds.Quirk, i));
        }

        events.Add(new TimelineEvent(Duration, TimelineEventKinds.End, 0));
        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Kind).ThenBy(e => e.Seq)];
    }
}
