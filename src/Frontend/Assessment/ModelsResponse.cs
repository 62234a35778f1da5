namespace PPipe.Frontend.Assessment;

/// <summary>
/// <c>GET /api/v1/models</c>: the model versions the student's probe answers and submissions named, newest first (at most
/// 64), how many older ones are no longer listed, and how many of those were flagged.
/// </summary>
public sealed record ModelsResponse(IReadOnlyList<ModelVersionView> Versions, int Folded, int FoldedFlagged);
