using LoadOps.Core.Planning;
using LoadOps.Core.Results;

namespace LoadOps.Pipeline.Tests.Scene;

/// <summary>What a runner would upload for a shard: one step's requests over the shard's intervals, made up but exact.</summary>
internal static class ShardResults
{
    /// <param name="latencyMs">Every request's latency; the histogram holds exactly these.</param>
    /// <param name="requestsPerInterval">Requests recorded in each of the three intervals.</param>
    /// <param name="failedPerInterval">Of those, how many failed with a 5xx.</param>
    public static ResultFile For(ShardSpec spec, double latencyMs = 20, int requestsPerInterval = 100, int failedPerInterval = 0, ResultStatus status = ResultStatus.Complete)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var intervals = Enumerable.Range(0, 3).Select(i =>
        {
            var histogram = HistogramCodec.Create();
            for (var r = 0; r < requestsPerInterval; r++)
                histogram.RecordValue((long)(latencyMs * 1000));
            return new IntervalStats
            {
                Start = spec.StartAt + (spec.Interval * i),
                Ok = requestsPerInterval - failedPerInterval,
                Failed = new FailureCounts(Status: failedPerInterval),
                Histogram = HistogramCodec.Encode(histogram),
            };
        }).ToList();
        return ShardResultFile.Header(spec, spec.StartAt, spec.StartAt + (spec.Interval * intervals.Count), status) with
        {
            Steps = [new StepResult(StageScene.Scenario, StageScene.Step, intervals)],
        };
    }
}
