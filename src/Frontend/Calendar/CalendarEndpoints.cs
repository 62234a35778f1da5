using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Frontend.Api;
using PPipe.Frontend.Students;
using PPipe.Grains.Client.Calendar;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// The student's schedule: as an iCalendar feed at a URL with its own secret (for calendar apps, no other credential), as
/// JSON for programs, and the rotation that replaces the feed's secret.
/// </summary>
public static class CalendarEndpoints
{
    /// <summary>The feed, open to whoever holds its URL: map it outside the student token's policy.</summary>
    public static RouteGroupBuilder MapCalendarFeed(this RouteGroupBuilder api)
    {
        api.MapGet("/calendar/{secret}.ics", FeedAsync)
            .WithTags("Calendar")
            .WithSummary("Your schedule as an iCalendar feed")
            .WithDescription("Subscribe to it in a calendar app: releases, batch windows, your deadlines with any extension and late " +
                "cutoffs, in UTC. The URL is the only credential (not your token); anyone with it reads your schedule, so rotate " +
                "it if it leaks. Events keep their UID; SEQUENCE and LAST-MODIFIED grow when a pause, resume or extension moves one. " +
                "While the cohort is paused, later events are TENTATIVE at their pre-pause times. Send the ETag back in " +
                "If-None-Match for a 304. Unknown or rotated URL: 404.");
        return api;
    }

    /// <summary>The student's own routes, under the student token's policy.</summary>
    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/schedule", ScheduleAsync)
            .WithSummary("Your schedule")
            .WithDescription("The events of your calendar feed as JSON: releases, batch windows, your due times and late cutoffs (with " +
                "your extension) and the end, in UTC, with the feed's URL.");
        api.MapPost("/calendar/rotate", RotateAsync)
            .WithSummary("Replace your calendar feed URL")
            .WithDescription("A new secret URL for your calendar feed; the old one answers 404 from this moment on every front end. " +
                "Subscribe again with the new URL. At most " + CalendarRotationLimit.PerHour + " times an hour (then 429 with Retry-After). An " +
                "error means the old URL may already be dead: rotate again.");
        return api;
    }

    private static async Task<Results<CalendarFeed, NotFoundProblem>> FeedAsync(string secret, HttpContext http, IGrainFactory grains,
        StudentContext students, CalendarFeeds feeds)
    {
        if (!CalendarSecret.LooksValid(secret)
            || await grains.GetGrain<ICalendarFeedGrain>(CalendarSecret.KeyOf(secret)).ResolveAsync() is not { } binding)
        {
            // A feed URL is a credential: guessing them counts against the address like bad tokens do.
            AuthFailureLimiter.CountAsFailure(http);
            return ApiProblems.NotFound("No calendar feed has this address. It may have been replaced: find your current feed URL on your " +
                "page or in GET /api/v1/schedule.");
        }

        return feeds.For(binding, await students.ResolveAsync(binding.Enrollment));
    }

    private static async Task<Ok<ScheduleResponse>> ScheduleAsync(ClaimsPrincipal user, HttpRequest request, PublicSite site, StudentContext students,
        IGrainFactory grains)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var calendar = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).GetCalendarAsync();
        var view = await students.ResolveAsync(enrollment);
        var schedule = StudentSchedule.Of(enrollment, view.Cohort, view.Schedule, calendar.Extension);
        return TypedResults.Ok(ScheduleResponse.Of(schedule, view.Cohort.Clock, CalendarLinks.FeedUrl(site, request, calendar.Secret)));
    }

    private static async Task<Results<Ok<CalendarFeedResponse>, TooManyProblem>> RotateAsync(ClaimsPrincipal user, HttpRequest request,
        PublicSite site, IGrainFactory grains, TimeProvider time)
    {
        var enrollment = StudentTokenHandler.EnrollmentOf(user);
        var rotation = await grains.GetGrain<IEnrollmentGrain>(enrollment.ToString()).RotateCalendarAsync();
        if (rotation.Calendar is not { } calendar)
        {
            var retryAfter = Math.Max(1, (int)Math.Ceiling((rotation.RetryAt!.Value - time.GetUtcNow()).TotalSeconds));
            request.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return ApiProblems.TooMany("Calendar address replaced too often.",
                $"The calendar feed address can be replaced {CalendarRotationLimit.PerHour} times an hour; the current one keeps working. Try again in {retryAfter} s.");
        }

        return TypedResults.Ok(new CalendarFeedResponse(CalendarLinks.FeedUrl(site, request, calendar.Secret)));
    }
}
