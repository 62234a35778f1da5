using Microsoft.Extensions.Options;

namespace PPipe.Grains.Email;

/// <summary>Refuses <see cref="StudentMailOptions"/> that would let no request through or links that never work, naming each key.</summary>
internal sealed class StudentMailOptionsValidator : IValidateOptions<StudentMailOptions>
{
    public ValidateOptionsResult Validate(string? name, StudentMailOptions options)
    {
        List<string> problems = [];
        if (options.RequestsPerAddress < 1)
        {
            problems.Add($"{StudentMailOptions.Section}:RequestsPerAddress must be at least 1.");
        }

        if (options.JoinRequestsPerCohortPerMinute < 1)
        {
            problems.Add($"{StudentMailOptions.Section}:JoinRequestsPerCohortPerMinute must be at least 1.");
        }

        foreach (var (key, value) in (ReadOnlySpan<(string, TimeSpan)>)
            [("AddressWindow", options.AddressWindow), ("JoinLinkLifetime", options.JoinLinkLifetime),
             ("SignInLinkLifetime", options.SignInLinkLifetime), ("RecoveryLinkLifetime", options.RecoveryLinkLifetime)])
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(30))
            {
                problems.Add($"{StudentMailOptions.Section}:{key} must be above 0 and at most 30 days.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
