using System.Collections.Concurrent;
using PPipe.Cluster.Soak.Admin;
using PPipe.Cluster.Soak.Load;
using PPipe.Cluster.Soak.Measure;
using PPipe.Scenarios;

namespace PPipe.Cluster.Soak.Verify;

/// <summary>
/// After the traffic: compares every acknowledgement a student got with what the platform now says, through the
/// student API and the grades CSV. Acknowledged work lost must be 0.
/// </summary>
public sealed class LostWorkCheck(StudentClient students, TextWriter log)
{
    private const int Parallelism = 16;
    private const int ExamplesKept = 8;

    /// <summary>The longest one check may take: a platform that no longer answers must not hold the report back for hours.</summary>
    public static readonly TimeSpan CheckBudget = TimeSpan.FromMinutes(5);

    /// <summary>Time given to the platform after a batch's fate is sealed before an unscored 202 counts as lost.</summary>
    private static readonly TimeSpan ScoringGrace = TimeSpan.FromSeconds(15);

    /// <summary>Every 202 submission whose batch was sealed (due with an on-time submission, else past its late cutoff) must be scored.</summary>
    public async Task<LossCount> SubmissionsAsync(IReadOnlyList<CohortRun> cohorts, IReadOnlyList<SimulatedMember> members, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var byCohort = cohorts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        long checkedCount = 0, lost = 0, unverifiable = 0, notSealed = 0, unfinished = 0;
        var examples = new ConcurrentQueue<string>();
        var finished = new ConcurrentDictionary<SimulatedMember, bool>();
        var overBudget = await WithinBudgetAsync(members, cancellationToken, async (member, ct) =>
        {
            var cohort = byCohort[member.CohortId];
            var accepted = member.Student.Activity.Submissions.Where(s => s.Accepted).GroupBy(s => s.Seq).ToList();
            if (accepted.Count == 0)
            {
                return;
            }

            var sealedBatches = new List<(int Seq, int Accepted)>();
            foreach (var batch in accepted)
            {
                var scheduled = cohort.Schedule.Batches[batch.Key - 1];
                var onTime = batch.Any(s => !s.Late);
                var sealedAt = onTime ? scheduled.DueAt : scheduled.LateUntil;
                if (cohort.WallTimeAt(sealedAt) + ScoringGrace < now)
                {
                    sealedBatches.Add((batch.Key, batch.Count()));
                }
                else
                {
                    Interlocked.Increment(ref notSealed);
                }
            }

            if (sealedBatches.Count == 0)
            {
                return;
            }

            var (status, body) = await students.GetAsync(member.Token, "/api/v1/batches", ct);
            using (body)
            {
                if (body is null)
                {
                    Interlocked.Add(ref unverifiable, sealedBatches.Count);
                    Keep(examples, $"{member.CohortId}/{member.StudentId}: GET /api/v1/batches answered {status}");
                    return;
                }

                var listed = body.RootElement.EnumerateArray().ToDictionary(b => b.GetProperty("seq").GetInt32(),
                    b => (Status: b.GetProperty("status").GetString(), Submissions: b.GetProperty("submissions").GetInt32()));
                foreach (var (seq, count) in sealedBatches)
                {
                    Interlocked.Increment(ref checkedCount);
                    if (!listed.TryGetValue(seq, out var found) || found.Status != "scored" || found.Submissions < count)
                    {
                        Interlocked.Increment(ref lost);
                        Keep(examples, $"{member.CohortId}/{member.StudentId} batch {seq}: {count} submission(s) answered 202, platform says " +
                            (found.Status is null ? "nothing" : $"status {found.Status}, {found.Submissions} submission(s)"));
                    }
                }
            }

            finished[member] = true;
        });
        if (overBudget)
        {
            unfinished = members.Count(m => !finished.ContainsKey(m) && m.Student.Activity.Submissions.Any(s => s.Accepted));
        }

        log.WriteLine($"Submissions: {checkedCount} sealed 202s checked, {lost} not scored, {unverifiable} unverifiable, {notSealed} not sealed yet");
        return new LossCount("202 submission never scored", checkedCount, lost, unverifiable + unfinished, [.. examples],
            $"{notSealed} accepted submissions were for batches not yet sealed at the check (due or cutoff after it) and are not counted." +
            (overBudget ? $" The check ran out of its {CheckBudget.TotalMinutes:0} min: {unfinished} students with accepted submissions were not checked (counted as could not check, one each)." : ""));
    }

    /// <summary>Every release download answered 200 (REST or bucket) must be in the student's acquisition record.</summary>
    public async Task<LossCount> FetchesAsync(IReadOnlyList<SimulatedMember> members, IReadOnlyList<PollingStudent> pollers, CancellationToken cancellationToken)
    {
        var fetched = members.Select(m => (m.CohortId, m.StudentId, m.Token, Seqs: m.Student.Activity.Fetches.Select(f => f.Seq).Distinct().ToList()))
            .Concat(pollers.Select(p => (p.CohortId, p.StudentId, p.Token, Seqs: p.Downloaded.Distinct().ToList())))
            .Where(s => s.Seqs.Count > 0)
            .ToList();
        long checkedCount = 0, lost = 0, unverifiable = 0;
        var examples = new ConcurrentQueue<string>();
        var finished = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var overBudget = await WithinBudgetAsync(fetched, cancellationToken, async (student, ct) =>
        {
            var (status, body) = await students.GetAsync(student.Token, "/api/v1/me", ct);
            using (body)
            {
                if (body is null)
                {
                    Interlocked.Add(ref unverifiable, student.Seqs.Count);
                    Keep(examples, $"{student.CohortId}/{student.StudentId}: GET /api/v1/me answered {status}");
                    return;
                }

                var recorded = body.RootElement.GetProperty("fetched").EnumerateArray().Select(f => f.GetProperty("seq").GetInt32()).ToHashSet();
                foreach (var seq in student.Seqs)
                {
                    Interlocked.Increment(ref checkedCount);
                    if (!recorded.Contains(seq))
                    {
                        Interlocked.Increment(ref lost);
                        Keep(examples, $"{student.CohortId}/{student.StudentId}: release {seq} downloaded with 200, not in /me fetched");
                    }
                }
            }

            finished[student.CohortId + "/" + student.StudentId] = true;
        });
        if (overBudget)
        {
            unverifiable += fetched.Where(f => !finished.ContainsKey(f.CohortId + "/" + f.StudentId)).Sum(f => f.Seqs.Count);
        }

        log.WriteLine($"Fetches: {checkedCount} downloads checked, {lost} not recorded, {unverifiable} unverifiable");
        return new LossCount("recorded fetch missing", checkedCount, lost, unverifiable, [.. examples],
            $"{fetched.Count} students with downloads ({members.Count} simulated students and the roster downloaders)." +
            (overBudget ? $" The check ran out of its {CheckBudget.TotalMinutes:0} min; the downloads of students not reached are counted as could not check." : ""));
    }

    /// <summary>
    /// Every webhook-channel release published after a webhook's registration was acknowledged, and before the
    /// traffic ended, must have been notified to it. Returns the releases still missing, by student.
    /// </summary>
    public static (LossCount Loss, IReadOnlyList<(string CohortId, string StudentId, int Seq)> Missing) Webhooks(
        IReadOnlyList<CohortRun> cohorts, WebhookReceiver receiver, DateTimeOffset trafficEnded, string stage)
    {
        var byCohort = cohorts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var received = receiver.Notices.Select(n => (n.CohortId, n.StudentId, n.Seq)).ToHashSet();
        var missing = new List<(string, string, int)>();
        long expected = 0;
        foreach (var registration in receiver.Registrations)
        {
            var cohort = byCohort[registration.CohortId];
            foreach (var release in cohort.Schedule.Releases.Where(r => r.Channel == Channel.Webhook))
            {
                var at = cohort.WallTimeAt(release.AvailableAt);
                if (at <= registration.AcknowledgedAt.AddSeconds(1) || at > trafficEnded)
                {
                    continue;
                }

                expected++;
                if (!received.Contains((registration.CohortId, registration.StudentId, release.Seq)))
                {
                    missing.Add((registration.CohortId, registration.StudentId, release.Seq));
                }
            }
        }

        var badSignatures = receiver.Notices.Count(n => !n.SignatureValid);
        var duplicates = receiver.Notices.Count - received.Count;
        var examples = missing.Take(ExamplesKept).Select(m => $"{m.Item1}/{m.Item2}: release {m.Item3} never notified").ToList();
        return (new LossCount($"release never notified to a registered webhook ({stage})", expected, missing.Count, 0, examples,
            $"{receiver.Registrations.Count} webhooks registered; {receiver.Notices.Count} notifications received ({duplicates} repeats, " +
            $"{badSignatures} with a bad signature, {receiver.Unexpected} unexpected requests)."), missing);
    }

    /// <summary>Every student the instructor got a token for must have a row in grades.csv.</summary>
    public static LossCount Grades(IReadOnlyList<CohortRun> cohorts)
    {
        long checkedCount = 0, lost = 0, unverifiable = 0;
        var examples = new List<string>();
        var extra = 0;
        foreach (var cohort in cohorts)
        {
            if (cohort.Grades is not { } grades || grades.Failure is not null)
            {
                unverifiable += cohort.Tokens.Count;
                examples.Add($"{cohort.Id}: grades.csv {(cohort.Grades is null ? "not read" : $"answered {cohort.Grades.Status}: {cohort.Grades.Failure}")}");
                continue;
            }

            foreach (var student in cohort.Tokens.Keys)
            {
                checkedCount++;
                if (!grades.StudentIds.Contains(student))
                {
                    lost++;
                    if (examples.Count < ExamplesKept)
                    {
                        examples.Add($"{cohort.Id}/{student}: token issued, no row in grades.csv");
                    }
                }
            }

            extra += grades.StudentIds.Count(s => !cohort.Tokens.ContainsKey(s));
        }

        return new LossCount("student missing from grades.csv", checkedCount, lost, unverifiable, examples,
            $"{extra} rows in grades.csv are students whose token the instructor never received.");
    }

    /// <summary>Tick lateness from the notifications, split by whether the release fell in a fault window (to 60 s after it).</summary>
    public static WebhookLateness Lateness(WebhookReceiver receiver, IReadOnlyList<FaultWindow> faults, RunClock clock)
    {
        var first = receiver.Notices.GroupBy(n => (n.CohortId, n.StudentId, n.Seq)).Select(g => g.OrderBy(n => n.ReceivedAt).First())
            .Where(n => n.ReleasedAt is not null && n.SentAt is not null).ToList();
        bool InFault(WebhookNotice n)
        {
            var at = clock.SecondsAt(n.ReleasedAt!.Value);
            return faults.Any(f => at >= f.StartedAt - 5 && at <= f.RestoredAt + 60);
        }

        var calm = first.Where(n => !InFault(n)).ToList();
        var fault = first.Where(InFault).ToList();
        return new WebhookLateness(
            [.. calm.Select(n => (n.SentAt!.Value - n.ReleasedAt!.Value).TotalSeconds)],
            [.. fault.Select(n => (n.SentAt!.Value - n.ReleasedAt!.Value).TotalSeconds)],
            [.. calm.Select(n => (n.ReceivedAt - n.ReleasedAt!.Value).TotalSeconds)],
            [.. fault.Select(n => (n.ReceivedAt - n.ReleasedAt!.Value).TotalSeconds)]);
    }

    /// <summary>Runs the body for every item, 16 at a time, for at most <see cref="CheckBudget"/>; true when the budget ran out.</summary>
    private static async Task<bool> WithinBudgetAsync<T>(IEnumerable<T> items, CancellationToken cancellationToken, Func<T, CancellationToken, ValueTask> body)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(CheckBudget);
        try
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = budget.Token }, body);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private static void Keep(ConcurrentQueue<string> examples, string example)
    {
        if (examples.Count < ExamplesKept)
        {
            examples.Enqueue(example);
        }
    }
}
