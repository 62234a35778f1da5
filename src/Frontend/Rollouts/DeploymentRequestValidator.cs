using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Rollouts;

namespace PPipe.Frontend.Rollouts;

/// <summary>
/// Turns an announced deploy into a <see cref="DeployAnnouncement"/>, or says what is wrong with each field. The version
/// is checked as probe answers' <c>model.version</c> is (1 to 64 characters, no control characters), so an announced
/// version can be the one the answers name.
/// </summary>
public static class DeploymentRequestValidator
{
    public static (DeployAnnouncement? Announcement, Dictionary<string, string[]> Errors) Validate(DeploymentRequest request, StudentView view)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        var errors = new Dictionary<string, string[]>();
        var version = request.Version?.Trim();
        if (string.IsNullOrEmpty(version))
        {
            errors["version"] = ["Name the version you deploy, as your endpoint's answers will name it (\"model\": {\"version\": \"v4\"})."];
        }
        else if (version.Length > DeploymentLimits.MaxVersionLength)
        {
            errors["version"] = [$"A version is at most {DeploymentLimits.MaxVersionLength} characters; this one has {version.Length}."];
        }
        else if (version.Any(char.IsControl))
        {
            errors["version"] = ["A version may not hold control characters (line breaks, tabs)."];
        }

        var expected = view.Scenario.Endpoint is { } endpoint ? endpoint.ProbeInterval * 2 : TimeSpan.Zero;
        if (request.ExpectedWithinMinutes is { } minutes)
        {
            if (minutes is < 0 or > DeploymentLimits.MaxExpectedWithinMinutes)
            {
                errors["expectedWithinMinutes"] = [$"Say how many scenario minutes the switch may take, from 0 to {DeploymentLimits.MaxExpectedWithinMinutes}; {minutes} is not."];
            }
            else
            {
                expected = TimeSpan.FromMinutes(minutes);
            }
        }

        var note = request.Note?.Trim();
        if (note is { Length: > DeploymentLimits.MaxNoteLength })
        {
            errors["note"] = [$"A note is at most {DeploymentLimits.MaxNoteLength} characters; this one has {note.Length}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new DeployAnnouncement(version!, expected, string.IsNullOrEmpty(note) ? null : note), errors);
    }
}
