using Microsoft.Extensions.Options;

namespace PPipe.Frontend.Accounts;

/// <summary>
/// Creates the configured first admin once the cluster answers (a front end may start before any silo),
/// retrying until it succeeds or the application stops.
/// </summary>
public sealed partial class AdminAccountSeeder(
    IOptions<AccountOptions> options, AdminPassword password, AccountService accounts, IHostApplicationLifetime lifetime,
    ILogger<AdminAccountSeeder> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (password.Value is null)
        {
            LogNoAdmin(logger, AccountOptions.Section);
            return;
        }

        await WhenStartedAsync(lifetime, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await accounts.EnsureAdminAsync(options.Value.UserName, password.Value);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, e.Message);
                await Task.Delay(RetryEvery, stoppingToken);
            }
        }
    }

    private static Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No UI admin is configured ({Section}:Password); nobody can sign in to the instructors' pages until one is.")]
    private static partial void LogNoAdmin(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "The UI admin account could not be written yet ({Reason}); retrying.")]
    private static partial void LogRetry(ILogger logger, string reason);
}

/// <summary>The first admin's password for this process: configured, generated (embedded mode, printed at start) or none.</summary>
public sealed record AdminPassword(string? Value, bool Generated);
