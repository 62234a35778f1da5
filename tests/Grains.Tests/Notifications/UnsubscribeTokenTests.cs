using System.Security.Cryptography;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Tests.Notifications;

public sealed class UnsubscribeTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Sign_ReadAndVerify_SameClaims()
    {
        var token = new UnsubscribeToken("c-0123456789ab", "ada.lovelace", NotificationKind.BatchDueSoon).Sign(Key);

        Assert.True(UnsubscribeToken.TryRead(token, out var claims));
        Assert.Equal(new UnsubscribeToken("c-0123456789ab", "ada.lovelace", NotificationKind.BatchDueSoon), claims);
        Assert.True(UnsubscribeToken.Verify(token, Key));
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
    }

    [Fact]
    public void Verify_OtherKeyOrChangedClaims_False()
    {
        var token = new UnsubscribeToken("c-1", "ada", NotificationKind.BatchOpened).Sign(Key);
        var forged = new UnsubscribeToken("c-1", "grace", NotificationKind.BatchOpened).Sign(RandomNumberGenerator.GetBytes(32));
        var swapped = forged.Split('.')[0] + "." + token.Split('.')[1];

        Assert.False(UnsubscribeToken.Verify(token, RandomNumberGenerator.GetBytes(32)));
        Assert.False(UnsubscribeToken.Verify(swapped, Key));
    }

    [Fact]
    public void TryRead_Instructor_NoStudentAndAnInstructorKindOnly()
    {
        var token = new UnsubscribeToken("c-1", null, NotificationKind.CohortDigest).Sign(Key);
        var mixed = new UnsubscribeToken("c-1", null, NotificationKind.BatchOpened).Sign(Key);

        Assert.True(UnsubscribeToken.TryRead(token, out var claims));
        Assert.Null(claims.StudentId);
        Assert.False(UnsubscribeToken.TryRead(mixed, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("MQpjLTEKYWRhCm5vcGU.AAAAAAAAAAAAAAAAAAAAAA")]
    public void TryRead_Malformed_False(string? token) => Assert.False(UnsubscribeToken.TryRead(token, out _));
}
