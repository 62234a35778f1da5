using System.Security.Claims;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Frontend.Students;

namespace PPipe.Frontend.Accounts;

/// <summary>
/// Names of the browser UI's cookie scheme and policies. Instructors and admins sign in with an account;
/// students with their token, which opens only their own enrollment.
/// </summary>
public static class UiAuth
{
    public const string CookieScheme = "PPipeUi";

    /// <summary>Instructors' pages: admins and instructors.</summary>
    public const string InstructorPolicy = "ui-instructor";

    /// <summary>Account management: admins.</summary>
    public const string AdminPolicy = "ui-admin";

    /// <summary>A student's own pages.</summary>
    public const string StudentPolicy = "ui-student";

    /// <summary>Claim holding the hash key of the token a student signed in with, checked again while the session lasts.</summary>
    public const string CredentialClaim = "ppipe:credential";

    public static ClaimsPrincipal Instructor(Account account) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.UserName), new Claim(ClaimTypes.GivenName, account.DisplayName),
             .. account.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static ClaimsPrincipal Student(EnrollmentKey enrollment, string credentialKey) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, enrollment.StudentId), new Claim(ClaimTypes.Role, AccountRoles.Student),
             new Claim(StudentTokenHandler.EnrollmentClaim, enrollment.ToString()), new Claim(CredentialClaim, credentialKey)],
            CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The enrollment a signed-in student may see, or null for anyone else.</summary>
    public static EnrollmentKey? EnrollmentOf(ClaimsPrincipal user) =>
        user.IsInRole(AccountRoles.Student) && user.FindFirstValue(StudentTokenHandler.EnrollmentClaim) is { } key ? EnrollmentKey.Parse(key) : null;

    /// <summary>Where someone lands after signing in.</summary>
    public static string HomeOf(ClaimsPrincipal user) => user.IsInRole(AccountRoles.Student) ? "/student" : "/cohorts";
}
