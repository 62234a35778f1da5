using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Notifications;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Frontend.Scenarios;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Operations;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Join;
using PPipe.Grains.Client.Site;
using Microsoft.Extensions.Options;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Client.Datasets;
using PPipe.Frontend.Datasets;
using PPipe.Hosting.Datasets;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>Sets a bUnit context up the way the front end's host does, backed by the shared test cluster.</summary>
public static class UiContext
{
    /// <summary>The platform's public address in component tests: links shown to instructors start with it.</summary>
    public static readonly Uri PublicUrl = new("https://ppipe.test/");

    /// <summary>Registers what the pages inject on the system clock and signs in a staff member "admin" holding <paramref name="roles"/>.</summary>
    public static BunitContext UseUi(this BunitContext context, UiClusterFixture cluster, params string[] roles) =>
        context.UseUi(cluster, TimeProvider.System, UiAuth.Instructor(new Account("admin", "Admin", "hash", [.. roles], DateTimeOffset.UnixEpoch)));

    /// <summary>
    /// Registers what the pages inject, backed by <paramref name="cluster"/> and running on <paramref name="time"/>: the
    /// grains (unless the test registered its own grain factory first), the front end's services, MudBlazor with loose JS interop and (unless <paramref name="wholeApp"/>: the test
    /// renders <c>Routes</c>, whose layout brings its own) its popover provider; signs in <paramref name="user"/> with the
    /// policies the host grants that principal.
    /// </summary>
    public static BunitContext UseUi(this BunitContext context, UiClusterFixture cluster, TimeProvider time, ClaimsPrincipal user, bool wholeApp = false)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddOptions();
        context.Services.AddSingleton(time);
        context.Services.TryAddSingleton<IGrainFactory>(cluster.Client); // a test's own (UnansweringGrains) stays
        context.Services.AddSingleton<ScenarioCatalog>();
        context.Services.AddSingleton<CohortDirectory>();
        context.Services.AddSingleton<CohortSummaries>();
        context.Services.AddSingleton<RosterEnrollment>();
        context.Services.AddSingleton<SelfEnrollment>();
        context.Services.AddSingleton<MailedLinks>();
        context.Services.AddSingleton(new PublicSite(Options.Create(new SiteOptions { PublicUrl = PublicUrl })));
        context.Services.AddSingleton<ClusterOperations>();
        context.Services.AddSingleton<AccountService>();
        context.Services.AddSingleton<StudentContext>();
        context.Services.AddSingleton<WebhookUrlCheck>();
        context.Services.AddSingleton<NotificationRequestValidator>();
        context.Services.AddSingleton<CohortAnnouncements>();
        context.Services.AddSingleton<SurveyInstrumentCatalog>();
        context.Services.AddSingleton<IDatasetStore, MemoryDatasetStore>();
        context.Services.AddSingleton<DatasetIngest>();
        context.Services.AddSingleton<DatasetUploads>();
        context.Services.AddSingleton<DatasetScenarioSource>();
        context.Services.AddSingleton<ScenarioSpecs>();
        SignIn(context, user);

        if (!wholeApp)
        {
            context.Render<MudPopoverProvider>();
        }

        return context;
    }

    private static void SignIn(BunitContext context, ClaimsPrincipal user)
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(user.Identity!.Name!);
        auth.SetRoles([.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        auth.SetClaims([.. user.Claims.Where(c => c.Type is not ClaimTypes.Name and not ClaimTypes.Role)]);
        var policies = new List<string>();
        if (user.IsInRole(AccountRoles.Student))
        {
            policies.Add(UiAuth.StudentPolicy);
        }

        if (user.IsInRole(AccountRoles.Admin) || user.IsInRole(AccountRoles.Instructor))
        {
            policies.Add(UiAuth.InstructorPolicy);
        }

        if (user.IsInRole(AccountRoles.Admin))
        {
            policies.Add(UiAuth.AdminPolicy);
        }

        auth.SetPolicies([.. policies]);
    }
}
