namespace PPipe.Frontend.Api;

/// <summary>
/// Endpoint metadata describing a body a handler reads itself (a roster, a spec, predictions) for the OpenAPI document:
/// JSON media types take <see cref="JsonType"/>'s schema, the others (CSV, YAML) are text. Unlike <c>Accepts</c>, it does
/// not make routing refuse other media types, so the handler's own 415 or 422 (with its detail) answers them.
/// </summary>
public sealed record RequestBodyDescription(Type JsonType, IReadOnlyList<string> ContentTypes);
