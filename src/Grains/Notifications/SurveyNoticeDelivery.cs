using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Notifications;

/// <summary>
/// A survey notice and how far its delivery has come, like an <see cref="AnnouncementDelivery"/>: the roster position,
/// students told, passed over because they had submitted (a closing reminder), and not reachable. Written after every
/// paced step; a student asked twice ignores the second (each remembers the notices it took).
/// </summary>
[GenerateSerializer, Alias("ppipe.SurveyNoticeDelivery")]
internal sealed class SurveyNoticeDelivery : IRosterWalk
{
    [Id(0)] public SurveyNotice Notice { get; set; } = null!;
    [Id(1)] public int Page { get; set; }
    [Id(2)] public int Offset { get; set; }
    [Id(3)] public int Reached { get; set; }
    [Id(4)] public int Submitted { get; set; }
    [Id(5)] public int Unreached { get; set; }
    [Id(6)] public DateTimeOffset StartedAt { get; set; }
    [Id(7)] public DateTimeOffset? CompletedAt { get; set; }

    public bool IsFor(SurveyKind kind, SurveyNoticeStage stage, SurveySchedule schedule) =>
        Notice.Kind == kind && Notice.Stage == stage && Notice.OpensAt == schedule.OpensAt && Notice.ClosesAt == schedule.ClosesAt;
}
