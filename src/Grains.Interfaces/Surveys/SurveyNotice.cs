namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// What a student is told of one of their cohort's surveys: which survey and notice, the instrument's title and
/// description, and its window. <see cref="Key"/> names it: a student takes each key once.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyNotice")]
public sealed record SurveyNotice(SurveyKind Kind, SurveyNoticeStage Stage, string Title, string? Description, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    /// <summary>The notice's name, e.g. <c>survey-pre-opened-1767225600</c>: the window's opening tells two windows apart.</summary>
    public string Key => $"survey-{Kind.ToString().ToLowerInvariant()}-{Stage.ToString().ToLowerInvariant()}-{OpensAt.ToUnixTimeSeconds()}";
}
