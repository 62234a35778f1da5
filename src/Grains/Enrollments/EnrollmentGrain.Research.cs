using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Research;
using PPipe.Grains.Research;
using PPipe.Scenarios;

namespace PPipe.Grains.Enrollments;

/// <summary>What a research export reads of the student: the grade, and the evidence and overall grade per scenario day, from the bounded ledgers.</summary>
internal sealed partial class EnrollmentGrain
{
    public async Task<ResearchRecord?> GetResearchRecordAsync()
    {
        if (Record.Cohort is not { } cohort)
        {
            return null;
        }

        var at = await MomentAsync(cohort);
        var calendar = new ActivityCalendar();
        foreach (var fetch in Record.Fetches)
        {
            calendar.Fetch(ScenarioDay.Of(cohort.Clock.ElapsedAt(fetch.At)));
        }

        // Batches due by now (or by the removal), and any the student submitted to early.
        var until = Record.RemovedAt is { } removedAt ? cohort.Clock.ElapsedAt(removedAt) : at.Elapsed;
        foreach (var batch in at.Schedule.Batches)
        {
            var outcome = Record.Batches.OutcomeOf(batch.Seq);
            var due = at.Window.DueAt(batch);
            if (due <= until || outcome is { Submissions: > 0 })
            {
                calendar.Batch(ScenarioDay.Of(due), outcome?.Submissions ?? 0, outcome?.Scored ?? false, outcome?.Relative);
            }
        }

        if (Record.Probes is { } ledger)
        {
            foreach (var bucket in ledger.Buckets)
            {
                calendar.Probes(ScenarioDay.Of(ledger.BucketStart(bucket.Index)), bucket.Attempts, bucket.Attempts - bucket.Successes);
            }
        }

        foreach (var grade in Record.DailyGrades)
        {
            calendar.Grade(grade.Day, grade.Score, grade.Level?.ToString());
        }

        return new ResearchRecord(await GradeAsync(at.Scenario), calendar.Days(), Record.RemovedAt is not null);
    }
}
