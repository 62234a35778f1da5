using PPipe.Simulation.Endpoints;

namespace PPipe.Simulation.Students;

/// <summary>
/// What a simulated student did, for tests and dashboards to compare with what the platform recorded:
/// releases fetched, models trained, submissions, incident reports, endpoint registrations, endpoint calls served, problems.
/// Thread-safe; every getter returns a snapshot. Endpoint calls and problems keep only the latest
/// <see cref="MaxKept"/> entries (counters cover them all), so a long demo stays bounded.
/// </summary>
public sealed class StudentActivity
{
    public const int MaxKept = 10_000;

    private readonly Lock _lock = new();
    private readonly List<ReleaseFetch> _fetches = [];
    private readonly List<ModelTraining> _trainings = [];
    private readonly List<BatchSubmission> _submissions = [];
    private readonly List<EndpointRegistration> _registrations = [];
    private readonly List<ReportFiling> _reports = [];
    private readonly Queue<EndpointCall> _calls = new();
    private readonly Queue<StudentProblem> _problems = new();
    private readonly Dictionary<EndpointOutcome, long> _callCounts = [];
    private int _notModified;
    private int _throttled;

    public IReadOnlyList<ReleaseFetch> Fetches => Snapshot(_fetches);

    public IReadOnlyList<ModelTraining> Trainings => Snapshot(_trainings);

    public IReadOnlyList<BatchSubmission> Submissions => Snapshot(_submissions);

    public IReadOnlyList<EndpointRegistration> Registrations => Snapshot(_registrations);

    /// <summary>Incident reports sent, filed or refused.</summary>
    public IReadOnlyList<ReportFiling> Reports => Snapshot(_reports);

    /// <summary>The latest endpoint calls served, oldest first.</summary>
    public IReadOnlyList<EndpointCall> EndpointCalls => Snapshot(_calls);

    public IReadOnlyList<StudentProblem> Problems => Snapshot(_problems);

    /// <summary>Endpoint calls served since the start, by outcome.</summary>
    public IReadOnlyDictionary<EndpointOutcome, long> EndpointCallCounts
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<EndpointOutcome, long>(_callCounts);
            }
        }
    }

    /// <summary>Polls of the release list answered 304 Not Modified.</summary>
    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>Answers 429 or 503 (each honoured by waiting for its <c>Retry-After</c>).</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    internal void Add(ReleaseFetch fetch) => Append(_fetches, fetch);

    internal void Add(ModelTraining training) => Append(_trainings, training);

    internal void Add(BatchSubmission submission) => Append(_submissions, submission);

    internal void Add(EndpointRegistration registration) => Append(_registrations, registration);

    internal void Add(ReportFiling report) => Append(_reports, report);

    internal void Add(StudentProblem problem)
    {
        lock (_lock)
        {
            Bounded(_problems, problem);
        }
    }

    internal void Add(EndpointCall call)
    {
        lock (_lock)
        {
            Bounded(_calls, call);
            _callCounts[call.Outcome] = _callCounts.GetValueOrDefault(call.Outcome) + 1;
        }
    }

    internal void CountNotModified() => Interlocked.Increment(ref _notModified);

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);

    private void Append<T>(List<T> list, T item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }

    private static void Bounded<T>(Queue<T> queue, T item)
    {
        if (queue.Count >= MaxKept)
        {
            queue.Dequeue();
        }

        queue.Enqueue(item);
    }

    private T[] Snapshot<T>(IEnumerable<T> items)
    {
        lock (_lock)
        {
            return [.. items];
        }
    }
}
