namespace PPipe.Frontend.Assessment;

/// <summary><c>PUT .../students/{studentId}/extension</c>: the student and their deadline extension, as a scenario duration.</summary>
public sealed record ExtensionResponse(string StudentId, string Extension);
