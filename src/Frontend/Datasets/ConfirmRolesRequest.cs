namespace PPipe.Frontend.Datasets;

/// <summary>The body of <c>PUT .../versions/{version}/roles</c>: the column to predict, and optionally the id and time columns.</summary>
public sealed record ConfirmRolesRequest(string? Target, string? IdColumn, string? TimeColumn);
