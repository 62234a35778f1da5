using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Students;

/// <summary>The model endpoint's state as api-v1 names it: unregistered, registered (not probed yet), up or down.</summary>
public static class EndpointStatus
{
    public static string Of(EnrollmentSnapshot snapshot) =>
        snapshot.EndpointUrl is null ? "unregistered" : snapshot.EndpointUp switch { true => "up", false => "down", null => "registered" };
}
