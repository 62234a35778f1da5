using Microsoft.Extensions.Options;

namespace PPipe.Grains.Notifications;

/// <summary>Refuses <see cref="NotificationOptions"/> that would flood, stall or never send, naming each setting.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        foreach (var (setting, value) in (ReadOnlySpan<(string, TimeSpan)>)
            [("Window", options.Window), ("RedeliverAfter", options.RedeliverAfter), ("GiveUpAfter", options.GiveUpAfter), ("CohortCheckPeriod", options.CohortCheckPeriod)])
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{NotificationOptions.Section}:{setting} must be positive.");
            }
        }

        if (options.DueSoonLead < TimeSpan.Zero)
        {
            problems.Add($"{NotificationOptions.Section}:DueSoonLead must not be negative.");
        }

        foreach (var (setting, value, max) in (ReadOnlySpan<(string, int, int)>)
            [("EndpointFailures", options.EndpointFailures, 1_000), ("MaxConcurrency", options.MaxConcurrency, 1_000),
             ("QueueCapacity", options.QueueCapacity, 10_000_000), ("AnnouncementRate", options.AnnouncementRate, 1_000_000),
             ("AnnouncementConcurrency", options.AnnouncementConcurrency, 1_000)])
        {
            if (value < 1 || value > max)
            {
                problems.Add($"{NotificationOptions.Section}:{setting} must be from 1 to {max:N0}.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
