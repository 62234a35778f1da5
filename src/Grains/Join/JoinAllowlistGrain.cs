using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Join;

/// <summary>One allowlist shard of a cohort.</summary>
internal sealed class JoinAllowlistGrain(
    [PersistentState("join-allowlist", StorageNames.Default)] IPersistentState<JoinAllowlistState> state) : Grain, IJoinAllowlistGrain
{
    public async Task ReplaceAsync(ImmutableArray<RosterRow> students)
    {
        if (students.Length > IJoinAllowlistGrain.MaxStudents)
        {
            throw new ArgumentException($"An allowlist shard holds at most {IJoinAllowlistGrain.MaxStudents} students.", nameof(students));
        }

        if (students.IsEmpty && state.State.Students.Count == 0)
        {
            return;
        }

        state.State.Students = students.ToDictionary(s => s.Email, StringComparer.Ordinal);
        await this.WriteOrDeactivateAsync(state);
    }

    public Task<RosterRow?> FindAsync(string address) => Task.FromResult(state.State.Students.GetValueOrDefault(address));
}
