using PPipe.Frontend.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Tests.Notifications;

/// <summary>The instructor's digest and alert checks the admin API and the monitor share.</summary>
public sealed class CohortAlertsRequestValidatorTests
{
    [Fact]
    public void Validate_EverythingLeftOut_TheDefaults()
    {
        var result = CohortAlertsRequestValidator.Validate(null);

        Assert.Equal(CohortAlerts.Default, result.Alerts);
    }

    [Fact]
    public void Validate_BoundaryValuesAndPaddedContact_KeptTrimmed()
    {
        var result = CohortAlertsRequestValidator.Validate(new CohortAlertsRequest(" prof@example.edu ", "  ", false, 23, true, 1, 1));

        Assert.Equal(new CohortAlerts("prof@example.edu", null, false, 23, true, 1, 1), result.Alerts);
    }

    [Theory]
    [InlineData("prof@localhost")]
    [InlineData("Prof <prof@example.edu>")]
    [InlineData("prof@example.edu, ta@example.edu")]
    public void Validate_ContactThatIsNotOnePlainAddress_Refused(string email)
    {
        var result = CohortAlertsRequestValidator.Validate(new CohortAlertsRequest(email, null, null, null, null, null, null));

        Assert.Equal(["contactEmail"], result.Errors.Keys);
        Assert.Null(result.Alerts);
    }

    [Fact]
    public void Validate_OutOfRangeValues_EachFieldNamed()
    {
        var result = CohortAlertsRequestValidator.Validate(new CohortAlertsRequest(null, new string('n', 201), null, -1, null, double.NaN, 1_000_001));

        Assert.Equal(["contactName", "digestHourUtc", "endpointsDownShare", "minimumEndpoints"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.False(result.IsValid);
    }
}
