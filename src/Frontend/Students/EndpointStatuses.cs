using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Students;

/// <summary>Reads an enrollment's <see cref="EndpointStatus"/>.</summary>
public static class EndpointStatuses
{
    public static EndpointStatus Of(EnrollmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.EndpointUrl is null ? EndpointStatus.Unregistered
            : snapshot.EndpointUp switch { true => EndpointStatus.Up, false => EndpointStatus.Down, null => EndpointStatus.Registered };
    }
}
