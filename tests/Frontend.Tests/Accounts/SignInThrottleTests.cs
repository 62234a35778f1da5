using Microsoft.Extensions.Time.Testing;
using PPipe.Frontend.Accounts;

namespace PPipe.Frontend.Tests.Accounts;

public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Throttle_FewerFailuresThanTheLimit_LetsTheNextAttemptThrough()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("address:10.0.0.1", "user:ada");
        }

        Assert.Null(throttle.BlockedUntil("address:10.0.0.1", "user:ada"));
    }

    [Fact]
    public void Throttle_TooManyFailuresForAUser_BlocksThatUserFromAnyAddressUntilTheWindowEnds()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            throttle.Failed($"address:10.0.0.{i}", "user:ada");
        }

        var blocked = throttle.BlockedUntil("address:10.9.9.9", "user:ada");
        var otherUser = throttle.BlockedUntil("address:10.9.9.9", "user:grace");
        _time.Advance(SignInThrottle.Window);
        var afterWindow = throttle.BlockedUntil("address:10.9.9.9", "user:ada");

        Assert.Equal(_time.GetUtcNow(), blocked);
        Assert.Null(otherUser);
        Assert.Null(afterWindow);
    }

    [Fact]
    public void Throttle_FailuresAfterTheWindow_StartCountingAgain()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("address:10.0.0.1");
        }

        _time.Advance(SignInThrottle.Window + TimeSpan.FromSeconds(1));
        throttle.Failed("address:10.0.0.1");

        Assert.Null(throttle.BlockedUntil("address:10.0.0.1"));
    }
}
