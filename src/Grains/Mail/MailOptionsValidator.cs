using Microsoft.Extensions.Options;
using MimeKit;

namespace PPipe.Grains.Mail;

/// <summary>Refuses <see cref="MailOptions"/> the transport cannot work with, naming each key, when the host starts.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        List<string> problems = [];
        if (!MailboxAddress.TryParse(options.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            problems.Add($"Mail:From must be an e-mail address (got '{options.From}').");
        }

        if (options.MaxConcurrency is < 1 or > 256)
        {
            problems.Add($"Mail:MaxConcurrency must be from 1 to 256 (got {options.MaxConcurrency}).");
        }

        var smtp = options.Smtp;
        if (options.UsesSmtp)
        {
            if (smtp.Port is < 1 or > 65535)
            {
                problems.Add($"Mail:Smtp:Port must be from 1 to 65535 (got {smtp.Port}).");
            }

            if (smtp.MaxAttempts is < 1 or > 10)
            {
                problems.Add($"Mail:Smtp:MaxAttempts must be from 1 to 10 (got {smtp.MaxAttempts}).");
            }

            if (smtp.RetryDelay < TimeSpan.Zero || smtp.RetryDelay > TimeSpan.FromMinutes(1))
            {
                problems.Add($"Mail:Smtp:RetryDelay must be from 0 to 1 minute (got {smtp.RetryDelay}).");
            }

            if (smtp.Timeout < TimeSpan.FromSeconds(1) || smtp.Timeout > TimeSpan.FromMinutes(5))
            {
                problems.Add($"Mail:Smtp:Timeout must be from 1 second to 5 minutes (got {smtp.Timeout}).");
            }

            if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
            {
                problems.Add("Mail:Smtp:UserName and Mail:Smtp:Password go together: set both or neither.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
