using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// Events on pages that re-render by themselves (the monitor and the student detail refresh every second or two). A
/// refresh can replace an element's event handlers between finding the element and raising the event, and the event
/// then goes to a handler the page no longer has. These find the element and raise the event in one step on the
/// renderer's dispatcher, where no render can come in between.
/// </summary>
public static class LivePage
{
    /// <summary>
    /// Clicks the one button whose text contains <paramref name="text"/>, and completes when the click's handler has
    /// (a handler that calls a grain is still under way when a plain <c>Click()</c> returns).
    /// </summary>
    public static Task ClickButtonAsync<TComponent>(this IRenderedComponent<TComponent> cut, string text) where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains(text, StringComparison.Ordinal)).ClickAsync(new MouseEventArgs()));

    /// <summary>Changes the value of the first element matching <paramref name="selector"/>.</summary>
    public static Task ChangeAsync<TComponent>(this IRenderedComponent<TComponent> cut, string selector, string value) where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Change(value));
}
