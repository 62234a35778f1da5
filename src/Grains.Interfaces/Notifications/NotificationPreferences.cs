using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// Where and of what a student wants to be told: by e-mail (to the roster's address), to a chat webhook, both or
/// neither; every kind except the <see cref="Muted"/> ones. New kinds are on unless muted.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.NotificationPreferences")]
public sealed record NotificationPreferences(bool Email, string? ChatUrl, ChatFormat ChatFormat, ImmutableArray<NotificationKind> Muted)
{
    /// <summary>What a student has before choosing: e-mail on, no chat, every kind.</summary>
    public static NotificationPreferences Default { get; } = new(true, null, ChatFormat.Slack, []);

    /// <summary>Whether any channel is on: a student with none costs no notification work.</summary>
    public bool AnyChannel => Email || ChatUrl is not null;

    public bool Wants(NotificationKind kind) => AnyChannel && (Muted.IsDefault || !Muted.Contains(kind));

    /// <summary>These preferences with <paramref name="kind"/> muted too.</summary>
    public NotificationPreferences Mute(NotificationKind kind) =>
        !Muted.IsDefault && Muted.Contains(kind) ? this : this with { Muted = [.. Muted.IsDefault ? [] : Muted, kind] };
}
