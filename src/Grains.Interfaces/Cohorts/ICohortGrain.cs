using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// One run of a scenario version, keyed by the cohort id: settings, clock, lifecycle, roster size and the secret its
/// tokens derive from. It is not on any student request path: front ends and silos cache <see cref="CohortInfo"/>.
/// <para>
/// The grains' calls form no cycle, so no call ever waits, however indirectly, on itself. An arrow is a call its caller
/// waits for; one-way calls (⇢) wait for nothing. Front ends and the silo-side helpers (<c>Grains.Client</c>) start the
/// calls that span a whole roster, so no grain holds its turn while a cohort's pages work:
/// <code>
/// client: enroll a roster ─► cohort: Get, GetRosterKey; ─► roster page: Check, Enroll, ReissueToken
/// roster page: Enroll, ReissueToken ─► enrollment: Initialize ─► credential, bucket key; ─► cohort: RecordRosterSize
/// client: summarize ─► roster page: Summarize, Changes (answered from what the students pushed)
/// client: create ─► cohort: Create ─► library; then ─► cohort history: Start
/// cohort history (its sampling timer) ─► cohort: Get; ─► roster page: Summarize
/// enrollment (tick, student calls) ─► cohort: Get (through the silo's cohort view), batch submission, copy index,
///         cohort flags, probe worker: Probe; ⇢ roster page: Report, ⇢ webhook delivery, ⇢ probe worker: Run,
///         ⇢ other enrollment: RecordCopyFlag
/// roster page (activated after a lost one) ⇢ enrollment: ReportProgress
/// webhook delivery, probe worker ─► enrollment: RecordWebhookDelivery, RecordProbes
/// enrollment: GetCalendar, RotateCalendar, SetExtension ─► calendar feed: Bind, Revoke, Update (a leaf)
/// client: enroll a roster (after the pages) ─► student e-mail: AddEnrollment
/// client: join ─► join code; ─► join link: Admit; ─► student e-mail: RequestMail ─► allowlist page; ⇢ mail worker
/// mail worker ─► mail ticket: Issue; ─► cohort: Get (through the silo's cohort view)
/// client: confirm a join ─► mail ticket: Redeem, Release; ─► join link: TakeSeat, ReturnSeat; ─► student e-mail;
///         ─► cohort: Get, GetRosterKey; then enrolls a roster of one (above)
/// client: open a join link ─► allowlist pages: Replace; ─► join link: Open ─► join code: Bind
/// </code>
/// The cohort waits on nothing but the library (which waits on nothing), so every call to it is answered.
/// </para>
/// </summary>
[Alias("ppipe.ICohortGrain")]
public interface ICohortGrain : IGrainWithStringKey
{
    /// <summary>Creates the cohort; false when a cohort with this id already exists.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(CohortDefinition definition, TimeSpan scenarioDuration);

    /// <summary>The cohort, or null when it was never created.</summary>
    [Alias("Get")]
    Task<CohortInfo?> GetAsync();

    /// <summary>Stops the scenario clock; nothing new is released or due until resumed.</summary>
    [Alias("Pause")]
    Task<CohortInfo> PauseAsync();

    /// <summary>Restarts the scenario clock where it stopped.</summary>
    [Alias("Resume")]
    Task<CohortInfo> ResumeAsync();

    /// <summary>
    /// Replaces the cohort's own grading (null: the scenario's weights and the weighted mean). Only before the start: once
    /// students can see grades, a new rule would change them underneath them (<see cref="CohortLifecycleException"/>).
    /// </summary>
    [Alias("SetGrading")]
    Task<CohortInfo> SetGradingAsync(CohortGrading? grading);

    /// <summary>The secret the roster's tokens are derived from, made on first use; for the platform's own enrolling code only.</summary>
    [Alias("GetRosterKey")]
    Task<ImmutableArray<byte>> GetRosterKeyAsync();

    /// <summary>Records how many students roster page <paramref name="page"/> holds; the cohort's size is the sum over its pages.</summary>
    [Alias("RecordRosterSize")]
    Task RecordRosterSizeAsync(int page, int students);
}
