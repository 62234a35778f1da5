namespace PPipe.Frontend.Assessment;

/// <summary>The body of <c>PUT .../students/{studentId}/extension</c>: <c>{"extension": "12h"}</c>.</summary>
public sealed record ExtensionRequest(string? Extension);
