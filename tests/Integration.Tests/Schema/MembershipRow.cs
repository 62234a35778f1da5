namespace PPipe.Integration.Tests.Schema;

/// <summary>A row of <c>orleansmembershiptable</c> as the tests check it.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, int Status, int? ProxyPort, DateTimeOffset IAmAliveTime)
{
    public const int Active = 3;
    public const int Dead = 6;
}
