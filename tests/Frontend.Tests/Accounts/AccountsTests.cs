using AccountsPage = PPipe.Frontend.Components.Pages.Accounts.Accounts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Frontend.Tests.Accounts;

[Collection(UiClusterCollection.Name)]
public sealed class AccountsTests : BunitContext
{
    public AccountsTests(UiClusterFixture cluster) => this.UseUi(cluster, AccountRoles.Admin);

    [Fact]
    public void Accounts_ValidAccount_CreatedAndListedWithItsRoles()
    {
        var userName = $"ada-{Guid.NewGuid():N}"[..20];
        var cut = Render<AccountsPage>();
        cut.WaitForElement("table[aria-label='Accounts']");

        cut.Find("#account-username").Change(userName);
        cut.Find("#account-display-name").Change("Ada Lovelace");
        cut.Find("#account-password").Change("a long enough password");
        Checkbox(cut, "Admin").Change(true);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal($"Account '{userName}' created.", cut.Find("[role=status]").TextContent));
        var row = cut.FindAll("table[aria-label='Accounts'] tbody tr").Single(r => r.QuerySelector("td")!.TextContent == userName);
        Assert.Equal(["Ada Lovelace", "Admin, Instructor"], row.QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public void Accounts_ShortPassword_ShowsTheReasonAndCreatesNothing()
    {
        var userName = $"grace-{Guid.NewGuid():N}"[..20];
        var cut = Render<AccountsPage>();
        cut.WaitForElement("table[aria-label='Accounts']");

        cut.Find("#account-username").Change(userName);
        cut.Find("#account-password").Change("short");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Give a password of at least 12 characters.", cut.Find("[role=alert]").TextContent));
        Assert.DoesNotContain(userName, cut.Find("table[aria-label='Accounts']").TextContent);
    }

    [Fact]
    public void Accounts_ExistingUserNameOrNoRole_RefusedWithTheirMessages()
    {
        var userName = $"alan-{Guid.NewGuid():N}"[..20];
        var cut = Render<AccountsPage>();
        cut.WaitForElement("table[aria-label='Accounts']");
        cut.Find("#account-username").Change(userName);
        cut.Find("#account-password").Change("a long enough password");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal($"Account '{userName}' created.", cut.Find("[role=status]").TextContent));

        cut.Find("#account-password").Change("another long password");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal($"There is already an account '{userName}'.", cut.Find("[role=alert]").TextContent));

        cut.Find("#account-username").Change(userName + "-2");
        Checkbox(cut, "Instructor").Change(false);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Give the account one or more of the roles Admin, Instructor.", cut.Find("[role=alert]").TextContent));
        Assert.DoesNotContain(userName + "-2", cut.Find("table[aria-label='Accounts']").TextContent);
    }

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<AccountsPage> cut, string label) =>
        cut.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;
}
