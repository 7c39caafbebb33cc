using System.Security.Cryptography;
using System.Text;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Tests.Results;

/// <summary>
/// Regression pin for the managed deflate decoder (and the one-walk adding) that replaced a <c>DeflateStream</c> per
/// histogram: the merged file must be byte for byte what the merge wrote before (commit 7d55122). The digest was
/// taken by running <see cref="MergedDigest"/> against that commit's LoadOps.Core. Inputs and output are compressed by
/// the runtime's zlib, so a runtime whose zlib compresses differently would change the digest without any change
/// here: then take it again from that commit on the new runtime.
/// </summary>
public sealed class MergedBytesTests
{
    private const string DigestBeforeTheManagedDecoder = "86c3edd480e689a66288d0dc41ce78d01100929024d025a47f463cc134686a26";

    [Fact]
    public async Task The_merged_file_is_byte_for_byte_what_the_merge_wrote_before_the_managed_decoder()
    {
        Assert.Equal(DigestBeforeTheManagedDecoder, await MergedDigest(TestContext.Current.CancellationToken));
    }

    /// <summary>SHA-256 of the merged JSON of 24 shards with wide, skewed, empty and huge-count histograms, merged on every core.</summary>
    public static async Task<string> MergedDigest(CancellationToken cancellationToken)
    {
        var random = new Random(20261204);
        var start = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        string[] locations = ["azure/westeurope", "aws/us-east-1", "pool/lab"];
        var inputs = new List<MergeInput>();
        for (var s = 0; s < 24; s++)
        {
            var steps = new List<StepResult>();
            foreach (var step in new[] { "browse", "pay", "search" })
            {
                var intervals = new List<IntervalStats>();
                for (var i = 0; i < 6; i++)
                {
                    var histogram = HistogramCodec.Create();
                    var kind = (s + i) % 4;
                    for (var n = kind == 0 ? 0 : random.Next(1, 300); n > 0; n--)
                    {
                        var value = kind switch
                        {
                            1 => random.NextInt64(1, 3_600_000_000),
                            2 => random.NextInt64(1, 50),
                            _ => (long)(20_000 * Math.Exp(random.NextDouble() * 3)),
                        };
                        histogram.RecordValueWithCount(value, random.Next(9) == 0 ? random.NextInt64(1, 1L << 33) : 1);
                    }
                    intervals.Add(new IntervalStats
                    {
                        Start = start.AddSeconds(5 * i),
                        Ok = random.Next(1_000),
                        Failed = new FailureCounts(Timeout: random.Next(3), Status: random.Next(2)),
                        Histogram = HistogramCodec.Encode(histogram),
                    });
                }
                steps.Add(new StepResult("main", step, intervals));
            }
            var shard = new ResultFile
            {
                RunId = "run-bytes",
                ShardId = $"shard-{s:00}",
                Definition = "bytes",
                DefinitionHash = "hash",
                Location = locations[s % locations.Length],
                Start = start,
                End = start.AddSeconds(30),
                Steps = steps,
                Shards = [new ShardInfo($"shard-{s:00}", s, locations[s % locations.Length], ResultStatus.Complete)],
            };
            var bytes = Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(shard));
            inputs.Add(new MergeInput($"shard-{s:00}.json", _ => Task.FromResult<Stream?>(new MemoryStream(bytes))));
        }
        var accumulator = new ResultAccumulator();
        var problems = await accumulator.AddAllAsync(inputs, cancellationToken);
        if (problems.FirstOrDefault(p => p is not null) is { } problem)
            throw new InvalidOperationException(problem.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LoadOpsJson.Serialize(accumulator.Build()))));
    }
}
