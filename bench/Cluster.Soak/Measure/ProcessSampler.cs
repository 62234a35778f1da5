namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// Samples memory and CPU of every process of the run (silos, front ends, PostgreSQL with all its backends, this
/// load generator) and of the whole machine, every time <see cref="Sample"/> is called (every 10 s by the run).
/// A process killed and started again continues under its name with its new pid.
/// </summary>
public sealed class ProcessSampler(RunClock clock)
{
    private readonly Lock _lock = new();
    private readonly List<(string Name, Func<IReadOnlyList<int>> Pids, bool Proportional)> _sources = [];
    private readonly Dictionary<(string, int), long> _lastTicks = [];
    private readonly List<ProcessSample> _samples = [];
    private readonly List<(double At, double Busy, double Measured, double Load)> _machine = [];
    private (long Total, long Busy)? _lastMachine;
    private double _lastAt;

    public IReadOnlyList<ProcessSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Per sample: cores busy on the whole machine, of those the cores used by the measured processes, and the one-minute load average.</summary>
    public IReadOnlyList<(double At, double Busy, double Measured, double Load)> Machine
    {
        get
        {
            lock (_lock)
            {
                return [.. _machine];
            }
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return [.. _sources.Select(s => s.Name)];
            }
        }
    }

    /// <summary>Measures a process (or group of processes) under a name; <paramref name="proportional"/> reads PSS instead of RSS.</summary>
    public void Add(string name, Func<IReadOnlyList<int>> pids, bool proportional = false)
    {
        lock (_lock)
        {
            _sources.Add((name, pids, proportional));
        }
    }

    public void Sample()
    {
        lock (_lock)
        {
            var at = clock.Seconds;
            var seconds = _lastAt > 0 ? at - _lastAt : 0;
            var measured = 0.0;
            foreach (var (name, pidsOf, proportional) in _sources)
            {
                var pids = pidsOf();
                long? memory = null;
                long ticks = 0;
                foreach (var pid in pids)
                {
                    var kib = proportional ? ProcFs.ProportionalKiB(pid) : ProcFs.ResidentKiB(pid);
                    memory = kib is { } k ? (memory ?? 0) + k : memory;
                    if (ProcFs.CpuTicks(pid) is { } now)
                    {
                        // A pid not seen before started since the last sample: all its CPU time is new.
                        ticks += now - _lastTicks.GetValueOrDefault((name, pid));
                        _lastTicks[(name, pid)] = now;
                    }
                }

                var cores = seconds > 0 ? ticks / ProcFs.TicksPerSecond / seconds : 0;
                measured += cores;
                _samples.Add(new ProcessSample(at, name, pids.Count == 1 ? pids[0] : null, memory, cores));
            }

            var machine = ProcFs.MachineTicks();
            if (_lastMachine is { } last && machine.Total > last.Total)
            {
                var busy = (machine.Busy - last.Busy) / (double)(machine.Total - last.Total) * Environment.ProcessorCount;
                _machine.Add((at, busy, measured, ProcFs.LoadAverageOneMinute()));
            }

            _lastMachine = machine;
            _lastAt = at;
        }
    }
}
