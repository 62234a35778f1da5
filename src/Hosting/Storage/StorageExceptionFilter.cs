using Microsoft.Extensions.Logging;
using PPipe.Grains.Interfaces.Storage;

namespace PPipe.Hosting.Storage;

/// <summary>
/// Lets no database driver exception leave a grain: they cannot be serialized across a grain call (the caller would see
/// a codec error instead of the cause), so one that escapes a grain method, e.g. from the reminder table, becomes a
/// <see cref="StorageUnavailableException"/> that keeps what the server said.
/// </summary>
public sealed partial class StorageExceptionFilter(ILogger<StorageExceptionFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not StorageUnavailableException && StorageFailures.IsDatabase(e))
        {
            var detail = StorageFailures.Describe(e);
            LogConverted(context.TargetId.ToString(), context.MethodName, detail);
            throw new StorageUnavailableException($"Storage is unavailable: {context.MethodName} on {context.TargetId} failed ({detail}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain}.{Method} failed on storage: {Reason}")]
    private partial void LogConverted(string grain, string method, string reason);
}
