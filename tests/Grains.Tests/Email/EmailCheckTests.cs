using PPipe.Grains.Client.Email;
using PPipe.Grains.Client.Join;

namespace PPipe.Grains.Tests.Email;

public sealed class EmailCheckTests
{
    [Theory]
    [InlineData("ada@example.edu")]
    [InlineData("  Ada.Lovelace+mlops@CS.Example.EDU ")]
    [InlineData("o'brien@example.ie")]
    public void Problem_PlainAddresses_None(string address) => Assert.Null(EmailCheck.Problem(address));

    [Theory]
    [InlineData("", "Give your e-mail address.")]
    [InlineData("ada", "is not an e-mail address")]
    [InlineData("ada@localhost", "is not an e-mail address")]
    [InlineData("ada@@example.edu", "is not an e-mail address")]
    [InlineData("Ada <ada@example.edu>", "is not an e-mail address")]
    [InlineData("ada..l@example.edu", "is not an e-mail address")]
    [InlineData("ada.@example.edu", "is not an e-mail address")]
    [InlineData("ada@exämple.edu", "is not an e-mail address")]
    [InlineData("ada@-example.edu", "is not an e-mail address")]
    [InlineData("ada@example.edu\nbcc@example.edu", "is not an e-mail address")]
    [InlineData("someone@mailinator.com", "disposable")]
    [InlineData("someone@eu.yopmail.com", "disposable")]
    public void Problem_BadOrDisposable_SaysWhat(string address, string expected) =>
        Assert.Contains(expected, EmailCheck.Problem(address), StringComparison.Ordinal);

    [Fact]
    public void Problem_LocalPartOver64_Refused() =>
        Assert.NotNull(EmailCheck.Problem(new string('a', 65) + "@example.edu"));

    [Fact]
    public void Problem_DisposableButAllowedByTheCaller_None() =>
        Assert.Null(EmailCheck.Problem("someone@mailinator.com", refuseDisposable: false));

    [Fact]
    public void IdFor_SameAddressAndKey_SameIdThatDiffersByCohortAndAddress()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var other = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var id = SelfEnrolledStudent.IdFor(key, "ada@example.edu");

        Assert.Equal(id, SelfEnrolledStudent.IdFor(key, "ada@example.edu"));
        Assert.NotEqual(id, SelfEnrolledStudent.IdFor(other, "ada@example.edu"));
        Assert.NotEqual(id, SelfEnrolledStudent.IdFor(key, "ada2@example.edu"));
        Assert.Matches("^j-[a-z2-7]{20}$", id);
        Assert.DoesNotContain("ada", id, StringComparison.Ordinal);
    }
}
