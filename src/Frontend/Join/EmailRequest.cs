namespace PPipe.Frontend.Join;

/// <summary>The body of <c>POST /api/v1/signin-links</c> and <c>POST /api/v1/token-recovery</c>: the student's address.</summary>
public sealed record EmailRequest(string? Email);
