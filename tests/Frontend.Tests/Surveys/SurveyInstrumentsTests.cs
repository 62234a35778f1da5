using Microsoft.Extensions.DependencyInjection;
using PPipe.Frontend.Components.Pages.Surveys;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Tests.Surveys;

/// <summary>The survey instruments page when the cluster does not answer: it says what could not be done and stays usable.</summary>
[Collection(UiClusterCollection.Name)]
public sealed class SurveyInstrumentsTests : BunitContext
{
    private readonly UiClusterFixture _cluster;
    private readonly UnansweringGrains _grains;

    public SurveyInstrumentsTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        _grains = new UnansweringGrains(cluster.Client);
        Services.AddSingleton<IGrainFactory>(_grains);
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public void Open_LibraryUnanswered_ListsTheBuiltInInstrumentsAndSaysTheUploadedCouldNotBeRead()
    {
        _grains.Fail<ISurveyLibraryGrain>(nameof(ISurveyLibraryGrain.ListAsync), new SiloUnavailableException());

        var cut = Render<SurveyInstruments>();

        cut.WaitForAssertion(() => _grains.AssertSaid(cut, "The uploaded instruments could not be read: the platform did not answer. Nothing was changed; "
            + "reload the page in a few seconds to list them.", "Check"));
        Assert.Contains("mlops-skills", cut.Find("table[aria-label='Instruments']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TimedOut_SaysItMayHaveBeenUploadedAndUploadsOnTheNextClick()
    {
        var id = $"unanswered-{Guid.NewGuid():N}"[..20];
        var cut = Render<SurveyInstruments>();
        _grains.Fail<ISurveyInstrumentGrain>(nameof(ISurveyInstrumentGrain.AddVersionAsync), new TimeoutException());

        await cut.ChangeAsync("#instrument-spec", Spec(id));
        await cut.ClickButtonAsync("Upload");
        _grains.AssertSaid(cut, $"The platform did not answer in time, so {id} v1 may or may not have been uploaded. Upload it again in a few seconds: "
            + "the same text uploaded twice is recognised and kept once.", "Upload");

        _grains.Answer();
        await cut.ClickButtonAsync("Upload");

        cut.WaitForAssertion(() => Assert.Equal($"Uploaded {id} v1.", cut.Find("[role=status]").TextContent));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Contains(id, cut.Find("table[aria-label='Instruments']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(await _cluster.Client.GetGrain<ISurveyInstrumentGrain>(id).GetVersionAsync(1));
    }

    private static string Spec(string id) =>
        $"id: {id}\nversion: 1\ntitle: Unanswered\nsections: [{{id: s, title: S, items: [{{id: a, kind: text, text: Why?}}]}}]\n";
}
