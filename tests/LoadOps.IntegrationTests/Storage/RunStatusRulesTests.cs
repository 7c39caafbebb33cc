using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class RunStatusRulesTests
{
    public static TheoryData<RunStatus> NonTerminal =>
        [RunStatus.Queued, RunStatus.Validating, RunStatus.Dispatched, RunStatus.Running, RunStatus.Collecting, RunStatus.Evaluating];

    [Theory]
    [MemberData(nameof(NonTerminal))]
    public void Failed_and_timed_out_are_reachable_from_every_non_terminal_status(RunStatus from)
    {
        Assert.True(RunStatusRules.CanMove(from, RunStatus.Failed));
        Assert.True(RunStatusRules.CanMove(from, RunStatus.TimedOut));
    }

    [Theory]
    [InlineData(RunStatus.Reported)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.TimedOut)]
    public void Terminal_statuses_go_nowhere(RunStatus from)
    {
        Assert.True(RunStatusRules.IsTerminal(from));
        Assert.All(Enum.GetValues<RunStatus>(), to => Assert.False(RunStatusRules.CanMove(from, to)));
    }

    [Theory]
    [InlineData(RunStatus.Queued, RunStatus.Dispatched)]
    [InlineData(RunStatus.Running, RunStatus.Dispatched)]
    [InlineData(RunStatus.Collecting, RunStatus.Reported)]
    [InlineData(RunStatus.Validating, RunStatus.Validating)]
    public void Skipping_or_going_back_is_illegal(RunStatus from, RunStatus to) =>
        Assert.False(RunStatusRules.CanMove(from, to));
}
