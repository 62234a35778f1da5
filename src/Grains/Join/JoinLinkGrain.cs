using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PPipe.Grains.Email;
using PPipe.Grains.Interfaces.Join;

namespace PPipe.Grains.Join;

/// <summary>
/// A cohort's self-enrollment. The join requests of the current minute are counted in memory (a rate, not a record);
/// the link and its count of joined students are written before any answer that changes them.
/// </summary>
internal sealed class JoinLinkGrain(
    [PersistentState("join-link", StorageNames.Default)] IPersistentState<JoinLinkState> state,
    IOptions<StudentMailOptions> options,
    TimeProvider time) : Grain, IJoinLinkGrain
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _inWindow;

    public async Task<JoinLink> OpenAsync(JoinSettings settings, int allowlistSize)
    {
        var now = time.GetUtcNow();
        if (state.State.Link is { Open: true } open)
        {
            state.State.Link = open with { Settings = settings, AllowlistSize = allowlistSize };
        }
        else
        {
            var cohortId = this.GetPrimaryKeyString();
            string code;
            do
            {
                code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            }
            while (!await GrainFactory.GetGrain<IJoinCodeGrain>(code).BindAsync(cohortId));

            state.State.Link = new JoinLink(cohortId, code, settings, Open: true, state.State.Link?.Joined ?? 0, now, null, allowlistSize);
        }

        await this.WriteOrDeactivateAsync(state);
        return state.State.Link;
    }

    public Task<JoinLink?> GetAsync() => Task.FromResult(state.State.Link);

    public async Task<JoinLink?> CloseAsync()
    {
        if (state.State.Link is { Open: true } open)
        {
            state.State.Link = open with { Open = false, ClosedAt = time.GetUtcNow() };
            await this.WriteOrDeactivateAsync(state);
        }

        return state.State.Link;
    }

    public Task<JoinAdmissionResult> AdmitAsync(string code, string domain)
    {
        var link = state.State.Link;
        var admission = Admission(link, code);
        if (admission == JoinAdmission.Admitted && !link!.Settings.Admits(domain))
        {
            admission = JoinAdmission.DomainNotAllowed;
        }

        if (admission != JoinAdmission.Admitted)
        {
            return Task.FromResult(new JoinAdmissionResult(admission, false, TimeSpan.Zero));
        }

        var now = time.GetUtcNow();
        if (now - _windowStart >= RateWindow)
        {
            _windowStart = now;
            _inWindow = 0;
        }

        if (_inWindow >= options.Value.JoinRequestsPerCohortPerMinute)
        {
            return Task.FromResult(new JoinAdmissionResult(JoinAdmission.TooManyRequests, false, _windowStart + RateWindow - now));
        }

        _inWindow++;
        return Task.FromResult(new JoinAdmissionResult(JoinAdmission.Admitted, link!.Settings.Allowlist, TimeSpan.Zero));
    }

    public async Task<JoinAdmission> TakeSeatAsync(string code)
    {
        var admission = Admission(state.State.Link, code);
        if (admission == JoinAdmission.Admitted)
        {
            state.State.Link = state.State.Link! with { Joined = state.State.Link.Joined + 1 };
            await this.WriteOrDeactivateAsync(state);
        }

        return admission;
    }

    public async Task ReturnSeatAsync()
    {
        if (state.State.Link is { Joined: > 0 } link)
        {
            state.State.Link = link with { Joined = link.Joined - 1 };
            await this.WriteOrDeactivateAsync(state);
        }
    }

    private JoinAdmission Admission(JoinLink? link, string code) =>
        link is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(link.Code), System.Text.Encoding.UTF8.GetBytes(code))
            ? JoinAdmission.UnknownCode
            : !link.OpenAt(time.GetUtcNow()) ? JoinAdmission.Closed
            : link.Full ? JoinAdmission.Full
            : JoinAdmission.Admitted;
}
