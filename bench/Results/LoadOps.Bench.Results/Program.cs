using System.Globalization;
using LoadOps.Bench.Results;

// loadops results benchmarks (run in Release, never in CI):
//   accuracy [--trials N]                 regression verdicts on synthetic histories
//   outliers [--trials N]                 the same with one stalled baseline run (also part of accuracy)
//   generate --out DIR [--shards N]       write N shard results of 20 steps × 120 intervals
//   merge --dir DIR [--shards N] [--objects | --parallel]  merge the first N of them from their bytes one by one (or as
//                                         objects, or on every core); wall time and memory
//   packing                               what one interval histogram costs a merge, old and new runner encoding
//   live --dir DIR [--shards N] [--intervals K]  a live read of N shards' interim snapshots after K intervals: the first
//                                         read, after each shard gained one interval, with nothing changed; wall and CPU
var command = args.Length > 0 ? args[0] : "";
string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
int Count(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (command)
{
    case "accuracy":
        RegressionAccuracy.Run(Count("--trials", 1_000));
        RegressionAccuracy.Repeated(Count("--trials", 1_000));
        RegressionAccuracy.ShortBaselines(Count("--trials", 1_000));
        ErrorAccuracy.Run(Count("--trials", 1_000));
        OutlierAccuracy.Run(Count("--trials", 1_000));
        return 0;
    case "outliers":
        OutlierAccuracy.Run(Count("--trials", 1_000));
        return 0;
    case "generate":
        await MergeScale.GenerateAsync(Option("--out", Path.Combine(Path.GetTempPath(), "loadops-merge-bench")), Count("--shards", 1_000), CancellationToken.None);
        return 0;
    case "merge":
        return await MergeScale.MergeAsync(Option("--dir", Path.Combine(Path.GetTempPath(), "loadops-merge-bench")), Count("--shards", 1_000), CancellationToken.None);
    case "live":
        return await LiveReadScale.RunAsync(Option("--dir", Path.Combine(Path.GetTempPath(), "loadops-merge-bench")), Count("--shards", 1_000), Count("--intervals", 60), CancellationToken.None);
    case "packing":
        PackingCost.Run();
        return 0;
    default:
        Console.Error.WriteLine("usage: accuracy [--trials N] | generate --out DIR [--shards N] | merge --dir DIR [--shards N] | live --dir DIR [--shards N] [--intervals K] | packing");
        return 2;
}
