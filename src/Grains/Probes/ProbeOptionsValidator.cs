using Microsoft.Extensions.Options;

namespace PPipe.Grains.Probes;

/// <summary>Refuses <see cref="ProbeOptions"/> with settings out of range, naming each one, when the host starts.</summary>
public sealed class ProbeOptionsValidator : IValidateOptions<ProbeOptions>
{
    public ValidateOptionsResult Validate(string? name, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
