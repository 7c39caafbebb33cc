namespace LoadOps.Pipeline.Publish;

/// <summary>
/// What a live update of a run did: <see cref="Updated"/>, or nothing to update (no GitHub target, no App), or refused
/// (<see cref="RefusedWith"/> is GitHub's status code; <see cref="Problem"/> says what failed, secret-free).
/// </summary>
public sealed record ProgressResult(bool Updated, int? RefusedWith = null, string? Problem = null)
{
    public static ProgressResult Nothing { get; } = new(false);

    /// <summary>GitHub's rate limits answer 429, and 403 for the secondary limits: wait longer before the next update.</summary>
    public bool ShouldBackOff => RefusedWith is 403 or 429;
}
