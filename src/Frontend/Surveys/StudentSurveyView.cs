namespace PPipe.Frontend.Surveys;

/// <summary>
/// One survey as the student answers it: its summary, the instrument's items (no answer key), and their draft or submitted
/// answers by item id (a whole number, a list of option indexes, or text).
/// </summary>
public sealed record StudentSurveyView(StudentSurveySummary Survey, InstrumentView Instrument, IReadOnlyDictionary<string, object> Answers);
