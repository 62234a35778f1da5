using Microsoft.Extensions.Logging;
using PPipe.Hosting.Storage;

namespace PPipe.Hosting.Tests.Storage;

/// <summary>Keeps the level of every entry logged, in order.</summary>
internal sealed class RecordingLogger : ILogger<ResilientGrainStorage>
{
    private readonly List<LogLevel> _levels = [];

    public IReadOnlyList<LogLevel> Levels
    {
        get
        {
            lock (_levels)
            {
                return [.. _levels];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_levels)
        {
            _levels.Add(logLevel);
        }
    }
}
