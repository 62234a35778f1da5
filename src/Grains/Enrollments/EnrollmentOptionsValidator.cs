using Microsoft.Extensions.Options;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// Refuses <see cref="EnrollmentOptions"/> with a period that is not positive, naming each one: a zero period would
/// have every enrollment wake again at once, forever.
/// </summary>
public sealed class EnrollmentOptionsValidator : IValidateOptions<EnrollmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrollmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        foreach (var (setting, value) in (ReadOnlySpan<(string, TimeSpan)>)
            [("TickPeriod", options.TickPeriod), ("WebhookRedeliverAfter", options.WebhookRedeliverAfter), ("PausedRecheck", options.PausedRecheck)])
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{EnrollmentOptions.Section}:{setting} must be positive.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
