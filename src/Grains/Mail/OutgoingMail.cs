namespace PPipe.Grains.Mail;

/// <summary>
/// One e-mail to one person, as the platform's code writes it; the transport turns it into MIME (a plain-text and an
/// HTML part) and sends it. A mail that is not <paramref name="Transactional"/> (anything a person did not ask for just
/// now: notifications, digests, announcements) must carry <paramref name="UnsubscribeUrl"/>, which the transport sends as
/// <c>List-Unsubscribe</c> with one-click unsubscribe (RFC 8058). <paramref name="MessageId"/>, when given, becomes the
/// Message-ID, so a sender that may send the same mail twice (an outbox after a crash) lets receivers spot the copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.OutgoingMail")]
public sealed record OutgoingMail(
    string ToAddress,
    string ToName,
    string Subject,
    string TextBody,
    string HtmlBody,
    bool Transactional,
    Uri? UnsubscribeUrl,
    string? MessageId = null);
