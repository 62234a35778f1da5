using PPipe.Frontend.Assessment;

namespace PPipe.Frontend.Students;

/// <summary>The data of a <c>grade-changed</c> event: the new overall score and level, and when it was computed.</summary>
public sealed record GradeChangedEvent(GradeResponse.OverallPart Overall, DateTimeOffset AsOf);
