using System.Collections.Immutable;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// Turns a student's notification settings into preferences, or says what is wrong with each field: unknown kinds (and
/// the instructor's), a chat format that does not exist, and a chat URL the outbound rules refuse (malformed, not
/// http(s), or resolving to a private or otherwise forbidden address), as registering a webhook does.
/// </summary>
public sealed class NotificationRequestValidator(WebhookUrlCheck urls)
{
    public async Task<(NotificationPreferences? Preferences, Dictionary<string, string[]> Errors)> ValidateAsync(
        NotificationSettingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.Email is null)
        {
            errors["email"] = ["Say whether you want e-mail: true or false."];
        }

        var on = new HashSet<NotificationKind>();
        if (request.Kinds is null)
        {
            errors["kinds"] = [$"List the kinds you want, from: {string.Join(", ", NotificationKinds.Student.Select(NotificationKinds.Name))} (an empty list for none)."];
        }
        else
        {
            for (var i = 0; i < request.Kinds.Count; i++)
            {
                if (NotificationKinds.TryParse(request.Kinds[i], out var kind) && NotificationKinds.IsStudentKind(kind))
                {
                    on.Add(kind);
                }
                else
                {
                    errors[$"kinds[{i}]"] = [$"'{request.Kinds[i]}' is not a kind of notification; the kinds are {string.Join(", ", NotificationKinds.Student.Select(NotificationKinds.Name))}."];
                }
            }
        }

        string? chatUrl = null;
        var format = ChatFormat.Slack;
        if (request.Chat is { } chat)
        {
            if (await urls.ProblemWithAsync(chat.Url, cancellationToken) is { } problem)
            {
                errors["chat.url"] = [problem];
            }
            else
            {
                chatUrl = chat.Url!;
                format = ChatFormats.Guess(new Uri(chatUrl));
            }

            if (chat.Format is not null)
            {
                if (Enum.TryParse<ChatFormat>(chat.Format, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen) && char.IsLetter(chat.Format[0]))
                {
                    format = chosen;
                }
                else
                {
                    errors["chat.format"] = [$"'{chat.Format}' is not a chat format; use slack (a text field: Slack, Teams incoming webhooks, Mattermost, Google Chat), discord or teams (the Workflows app)."];
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        ImmutableArray<NotificationKind> muted = [.. NotificationKinds.Student.Where(k => !on.Contains(k))];
        return (new NotificationPreferences(request.Email!.Value, chatUrl, format, muted), errors);
    }
}
