using System.Collections.Immutable;
using System.Security.Cryptography;
using PPipe.Grains.Interfaces.Research;

namespace PPipe.Grains.Research;

internal sealed class StudyKeyGrain(
    [PersistentState("studyKey", StorageNames.Default)] IPersistentState<StudyKeyState> state,
    TimeProvider time) : Grain, IStudyKeyGrain
{
    public const int SecretBytes = 32;

    public async Task<ImmutableArray<byte>> GetSecretAsync()
    {
        if (state.State.Secret.Length == 0)
        {
            state.State.Secret = RandomNumberGenerator.GetBytes(SecretBytes);
            state.State.CreatedAt = time.GetUtcNow();
            // Durable before any pseudonym made with it leaves the platform: a lost secret would break the study's linkage.
            await this.WriteOrDeactivateAsync(state);
        }

        return [.. state.State.Secret];
    }
}
