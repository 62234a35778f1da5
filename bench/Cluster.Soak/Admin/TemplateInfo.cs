namespace PPipe.Cluster.Soak.Admin;

/// <summary>A built-in scenario template as <c>GET /api/v1/admin/templates</c> lists it.</summary>
public sealed record TemplateInfo(string Id, string Spec);
