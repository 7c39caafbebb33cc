using LoadOps.Cli.Gate;
using LoadOps.Cloud.Api;

namespace LoadOps.Cli.Tests.Gate;

public sealed class GateVerdictTests
{
    [Theory]
    [InlineData(new[] { RunOutcome.Pass }, 0, "pass", 0)]
    [InlineData(new[] { RunOutcome.Pass, RunOutcome.Pass }, 0, "pass", 0)]
    [InlineData(new[] { RunOutcome.Pass, RunOutcome.Fail }, 1, "fail", 1)]
    [InlineData(new[] { RunOutcome.Invalid, RunOutcome.Fail }, 1, "fail", 1)]
    [InlineData(new[] { RunOutcome.Inconclusive, RunOutcome.Invalid }, 2, "invalid", 1)]
    [InlineData(new[] { RunOutcome.Pass, RunOutcome.Inconclusive }, 3, "inconclusive", 1)]
    [InlineData(new[] { RunOutcome.Incomplete }, 3, "inconclusive", 0)]
    public void The_worst_run_decides_with_the_exit_codes_of_run(RunOutcome[] outcomes, int exit, string word, int deciding)
    {
        var runs = outcomes.Select((o, i) => GateRuns.View($"t{i}-run", o)).ToList();

        var verdict = GateVerdict.Decide(runs, finished: true);

        Assert.Equal((exit, word), (verdict.ExitCode, verdict.Word));
        Assert.Same(runs[deciding], verdict.Deciding);
    }

    [Fact]
    public void Not_finished_in_time_is_inconclusive_whatever_finished_so_far()
    {
        var runs = new[] { GateRuns.View("a-1", RunOutcome.Fail), GateRuns.View("b-2", RunOutcome.Pending) };

        var verdict = GateVerdict.Decide(runs, finished: false);

        Assert.Equal((3, "inconclusive"), (verdict.ExitCode, verdict.Word));
        Assert.Equal("b-2", verdict.Deciding!.RunId);
        Assert.Null(GateVerdict.Decide([], finished: false).Deciding);
    }
}
