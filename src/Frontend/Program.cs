// P-PIPE front end: the Blazor Server UI, the public REST API and the admin API.
//
// By default (embedded mode) it co-hosts a silo with in-memory storage, so one command runs the
// whole platform. With Cluster:Connection=Client it joins a PostgreSQL-backed cluster as a client.
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PPipe.Frontend.Accounts;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Frontend.Admin;
using PPipe.Frontend.Api;
using PPipe.Frontend.Assessment;
using PPipe.Frontend.Calendar;
using PPipe.Frontend.Channels.Bucket;
using PPipe.Frontend.Cluster;
using PPipe.Frontend.Cohorts;
using PPipe.Frontend.Components;
using PPipe.Frontend.Datasets;
using PPipe.Frontend.Incidents;
using PPipe.Frontend.Join;
using PPipe.Frontend.Notifications;
using PPipe.Frontend.Research;
using PPipe.Frontend.Rollouts;
using PPipe.Frontend.Scenarios;
using PPipe.Frontend.Surveys;
using PPipe.Simulation.Hosting;
using PPipe.Frontend.Students;
using PPipe.Hosting;
using PPipe.Hosting.Operations;
using PPipe.Simulation.Demo;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Join;
using PPipe.Grains.Client.Operations;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Outbound;
using PPipe.Grains.Client.Releases;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Client.Research;

// Configuration (appsettings.json) is read from the front end's own folder wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Run from the build output (bin/, not a publish) the UI's CSS and scripts are found through the static web assets
// manifest, which ASP.NET reads by itself only in Development; a publish has no manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();

// Loopback on a fixed port unless an address is given the ASP.NET ways (--urls, ASPNETCORE_URLS, Kestrel:Endpoints).
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
    && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

// Orleans: co-hosted silo (embedded or a front-end silo in a cluster) or an external client.
var orleans = builder.Configuration.GetSection(PPipeOrleansOptions.Section).Get<PPipeOrleansOptions>() ?? new();
if (orleans.Connection == OrleansConnection.Client)
{
    builder.AddPPipeClient();
}
else
{
    builder.AddPPipeSilo();
}

// The instructor API key: configured, or (when absent) generated for this process and printed.
var admin = builder.Configuration.GetSection(AdminOptions.Section).Get<AdminOptions>() ?? new();
if (string.IsNullOrWhiteSpace(admin.ApiKey) && orleans.Storage == OrleansStorage.PostgreSql)
{
    throw new InvalidOperationException(
        "Set Admin:ApiKey (environment variable Admin__ApiKey) in cluster mode: every front end must accept the same instructor key.");
}

var adminKeyGenerated = string.IsNullOrWhiteSpace(admin.ApiKey);
var adminKey = adminKeyGenerated ? AdminApiKey.NewKey() : admin.ApiKey;
builder.Services.AddSingleton(new AdminApiKey(adminKey, adminKeyGenerated));

// Embedded mode seeds a live demo (Demo:Enabled, on by default): a cohort of simulated students of every
// archetype, created through the public admin API once the server listens, their endpoints on loopback.
if (orleans.Storage == OrleansStorage.Memory)
{
    builder.Services.AddDemoCohort(adminKey);
}
// The UI's first admin: configured, or (embedded mode, when absent) generated for this process and printed.
var adminAccount = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new();
var adminPassword = !string.IsNullOrEmpty(adminAccount.Password) ? new AdminPassword(adminAccount.Password, Generated: false)
    : orleans.Storage == OrleansStorage.Memory ? new AdminPassword(AdminApiKey.NewKey()[..20], Generated: true)
    : new AdminPassword(null, Generated: false);
builder.Services.AddSingleton(adminPassword);
builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
builder.Services.AddSingleton<AccountService>();
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddHostedService<AdminAccountSeeder>();

// Browsers sign in to a cookie (instructors with an account, students with their token); programs send
// the instructor API key or a student token as a bearer token.
builder.Services.AddAuthentication(UiAuth.CookieScheme)
    .AddCookie(UiAuth.CookieScheme, UiCookies.Configure)
    .AddScheme<AuthenticationSchemeOptions, AdminApiKeyHandler>(AdminApiKeyHandler.SchemeName, null)
    .AddScheme<AuthenticationSchemeOptions, StudentTokenHandler>(StudentTokenHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(AdminApiKeyHandler.SchemeName, p => p.AddAuthenticationSchemes(AdminApiKeyHandler.SchemeName).RequireRole(AdminApiKeyHandler.Role))
    .AddPolicy(StudentTokenHandler.SchemeName, p => p.AddAuthenticationSchemes(StudentTokenHandler.SchemeName).RequireClaim(StudentTokenHandler.EnrollmentClaim))
    .AddPolicy(UiAuth.InstructorPolicy, p => p.AddAuthenticationSchemes(UiAuth.CookieScheme).RequireRole(AccountRoles.Admin, AccountRoles.Instructor))
    .AddPolicy(UiAuth.AdminPolicy, p => p.AddAuthenticationSchemes(UiAuth.CookieScheme).RequireRole(AccountRoles.Admin))
    .AddPolicy(UiAuth.StudentPolicy, p => p.AddAuthenticationSchemes(UiAuth.CookieScheme).RequireRole(AccountRoles.Student));
builder.Services.AddCascadingAuthenticationState();

// Cookies and form tokens are protected with one key ring for the whole platform: in a cluster it lives
// in cluster storage so every front end accepts what another issued.
builder.Services.AddDataProtection().SetApplicationName("ppipe");
if (orleans.Storage == OrleansStorage.PostgreSql)
{
    builder.Services.AddOptions<KeyManagementOptions>()
        .Configure<IGrainFactory>((o, grains) => o.XmlRepository = new GrainKeyRepository(grains));
}

// Students' programs: per-token rate limits, and a brake on clients that keep sending bad credentials.
builder.Services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.Section);
builder.Services.AddSingleton<StudentRateLimits>();
builder.Services.AddMemoryCache(o => o.SizeLimit = 500_000);
builder.Services.AddTokenRevocation();
builder.Services.TryAddSingleton<CohortDirectory>();
builder.Services.AddSingleton<StudentContext>();
builder.Services.AddSingleton<RosterEnrollment>();
builder.Services.AddSingleton<SelfEnrollment>();
builder.Services.AddSingleton<MailedLinks>();
builder.Services.AddSingleton<CohortSummaries>();
builder.Services.AddSingleton<ClusterOperations>();
builder.Services.AddSingleton<ReleaseListings>();
builder.Services.AddSingleton<WebhookUrlCheck>();
builder.Services.AddSingleton<CalendarFeeds>();
builder.Services.AddSingleton<NotificationRequestValidator>();
builder.Services.AddSingleton<Unsubscribes>();
builder.Services.AddSingleton<CohortAnnouncements>();
builder.Services.TryAddSingleton<SurveyInstrumentCatalog>();
builder.Services.AddSingleton<ResearchExport>();
builder.Services.AddOptions<DatasetOptions>().BindConfiguration(DatasetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<DatasetIngest>();
builder.Services.AddSingleton<DatasetUploads>();
builder.Services.AddSingleton<DatasetScenarioSource>();
builder.Services.AddSingleton<ScenarioSpecs>();
builder.Services.AddOptions<BucketOptions>().BindConfiguration(BucketOptions.Section);
builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section);
builder.Services.AddSingleton<S3SignatureVerifier>();
builder.Services.TryAddSingleton(TimeProvider.System);

// The HTTP contract: one set of JSON rules (shared with the silos' webhook bodies), every request ASP.NET cannot bind
// answered as a 400 problem naming the field, and the OpenAPI document generated from the routes.
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = BindingProblems.Complete);
builder.Services.AddExceptionHandler<BindingProblems>();
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
builder.Services.AddApiDocument();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

// Operations: /healthz, /readyz (this front end's silo or a reachable one, and storage) and /metrics.
builder.AddPPipeTelemetry();
builder.AddPPipeHealthChecks(isSilo: orleans.Connection != OrleansConnection.Client);

var app = builder.Build();

if (orleans.Storage == OrleansStorage.PostgreSql && orleans.Connection == OrleansConnection.CoHosted)
{
    await app.MigrateSchemaIfConfiguredAsync();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<AuthFailureLimiter>());
// The default (cookie) scheme signs in the UI's users. API endpoints name their scheme in their policy and are
// authenticated by the authorization step alone, so a program's request never runs the cookie handler too.
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseAuthentication());
// WebApplication adds UseAuthentication in front of the whole pipeline unless the app has called it, and a call in a
// branch does not count: this marks it as called (the key UseAuthentication itself sets), so the cookie handler
// stays off the API's requests.
((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
app.UseAuthorization();
app.UseMiddleware<StudentRateLimitMiddleware>();
app.UseAntiforgery();

var api = app.MapGroup("/api/v1");
api.MapGroup("/admin").RequireAuthorization(AdminApiKeyHandler.SchemeName).WithTags("Admin")
    .MapClusterEndpoints()
    .MapScenarioEndpoints()
    .MapDatasetEndpoints()
    .MapCohortEndpoints()
    .MapJoinAdminEndpoints()
    .MapCohortNotificationEndpoints()
    .MapGradeEndpoints()
    .MapSurveyAdminEndpoints()
    .MapSurveyAnalyticsEndpoints()
    .MapResearchEndpoints();
// Anonymous: joining a cohort through its join link, and the links students ask to be mailed (sign-in, lost token).
api.MapGroup("/").WithTags("Joining and signing in").MapJoinEndpoints();
api.MapGroup("/").RequireAuthorization(StudentTokenHandler.SchemeName).WithMetadata(StudentRateLimits.Limited).WithTags("Student")
    .MapStudentEndpoints()
    .MapAssessmentEndpoints()
    .MapCalendarEndpoints()
    .MapNotificationEndpoints()
    .MapIncidentEndpoints()
    .MapDeploymentEndpoints()
    .MapSurveyEndpoints()
    .MapEventStream();
// A calendar app holds only the feed's URL: the secret in it is the credential.
api.MapCalendarFeed();
api.MapUnsubscribeEndpoint();

app.MapApiDocument();
app.MapPPipeOperations();
app.MapBucketEndpoints();
app.MapUiAccountEndpoints();
app.MapGet("/cohorts/{id}/grades.csv", GradeEndpoints.GradesCsvAsync).RequireAuthorization(UiAuth.InstructorPolicy).ExcludeFromDescription();
// Instructors' accounts reach a cohort's research export only when they are on its staff (admins: every cohort).
app.MapGet("/cohorts/{id}/research-export", ResearchEndpoints.UiExportAsync).RequireAuthorization(UiAuth.InstructorPolicy).ExcludeFromDescription();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var options = app.Services.GetRequiredService<IOptions<PPipeOrleansOptions>>().Value;
    // Links in mails start with Site:PublicUrl; embedded mode, where it is usually unset, uses the address it listens on.
    if (options.Storage == OrleansStorage.Memory && ListeningAddress.First(app.Services.GetRequiredService<IServer>()) is { } listening)
    {
        app.Services.GetRequiredService<PublicSite>().UseListeningAddress(listening);
    }

    Console.WriteLine();
    Console.WriteLine($"P-PIPE is serving {string.Join(", ", addresses)}");
    Console.WriteLine(options.Storage == OrleansStorage.Memory
        ? "Embedded mode: grains, state and reminders live in this process's memory. Nothing persists: stopping it loses everything."
        : $"Cluster mode: PostgreSQL storage, cluster '{options.ClusterId}', connection {options.Connection}.");
    if (adminKeyGenerated)
    {
        Console.WriteLine($"Instructor API key for this run (Authorization: Bearer ...): {adminKey}");
    }

    if (adminPassword.Generated)
    {
        Console.WriteLine($"Instructors' UI: sign in at /signin as '{adminAccount.UserName}' with password {adminPassword.Value}");
    }

    Console.WriteLine();
});

app.Run();
