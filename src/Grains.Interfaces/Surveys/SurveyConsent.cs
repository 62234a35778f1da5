namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// A student's research consent: given or withdrawn, when that last changed, and when it was first given (null if never).
/// Only students whose consent is given at the time of an export are in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyConsent")]
public sealed record SurveyConsent(bool Given, DateTimeOffset ChangedAt, DateTimeOffset? FirstGivenAt);
