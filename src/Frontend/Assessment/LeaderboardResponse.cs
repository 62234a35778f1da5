using PPipe.Scenarios;

namespace PPipe.Frontend.Assessment;

/// <summary><c>GET /api/v1/admin/cohorts/{id}/leaderboard</c>: the top students by overall score, and how they are chosen.</summary>
public sealed record LeaderboardResponse(IReadOnlyList<LeaderboardResponse.RankedStudent> Leaderboard, string Note)
{
    /// <summary>One ranked student.</summary>
    public sealed record RankedStudent(int Rank, string StudentId, string Name, double Score, GradeLevel Level);
}
