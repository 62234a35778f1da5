using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// Checks an announcement, the same for the admin API and the instructors' page: a subject and a text, neither empty nor
/// longer than <see cref="Announcement"/> allows once trimmed; nothing is posted while anything is wrong.
/// </summary>
public static class AnnouncementRequestValidator
{
    /// <summary>The outcome: the trimmed subject and text when valid, otherwise the errors by field.</summary>
    public sealed record Result(string? Subject, string? Text, Dictionary<string, string[]> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Result Validate(AnnouncementRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Check(errors, "subject", request?.Subject, Announcement.MaxSubjectLength);
        Check(errors, "text", request?.Text, Announcement.MaxTextLength);
        return errors.Count > 0 ? new Result(null, null, errors) : new Result(request!.Subject!.Trim(), request.Text!.Trim(), errors);
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} is empty."];
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = [$"The {field} is {value.Trim().Length:N0} characters; at most {max:N0}."];
        }
    }
}
