using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Channels;

/// <summary>A release notification to push to a student's webhook: where, signed with what, and the exact body.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.WebhookNotice")]
public sealed record WebhookNotice(EnrollmentKey Enrollment, int Seq, string Url, string Secret, byte[] Body);
