using Microsoft.AspNetCore.Components;

namespace PPipe.Frontend.Components.Shared;

/// <summary>One tab of <see cref="CodeTabs"/>: a key unique among its tabs (used in element ids), its label and its panel.</summary>
public sealed record CodeTab(string Key, string Label, RenderFragment Content);
