using Microsoft.AspNetCore.Authentication;

namespace PPipe.Frontend.Accounts;

public static class UiAccountEndpoints
{
    /// <summary><c>POST /signout</c> (a form with the antiforgery token) ends the browser session.</summary>
    public static IEndpointRouteBuilder MapUiAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(UiAuth.CookieScheme);
            return Results.LocalRedirect("/signin");
        }).ExcludeFromDescription();
        return app;
    }
}
