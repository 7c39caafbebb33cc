using LoadOps.Core.Definitions;

namespace LoadOps.Core.Planning;

/// <summary>
/// One shard's share of a load: open-model rates are divided evenly by the shard count; closed-model users are
/// whole numbers divided with the remainder going to the lowest shard indexes, so the shares add up exactly.
/// </summary>
public static class LoadShare
{
    public static LoadSpec For(LoadSpec load, int shardIndex, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, shardCount);

        var stages = load.Stages
            .Select(stage => stage with { Target = ShareOf(load.Model, stage.Target, shardIndex, shardCount) })
            .ToList();
        return load with { Stages = stages };
    }

    /// <summary>The share of <paramref name="target"/> (requests/s or users) that shard <paramref name="shardIndex"/> takes.</summary>
    public static double ShareOf(LoadModel model, double target, int shardIndex, int shardCount)
    {
        if (model == LoadModel.Open)
            return target / shardCount;
        var users = (long)Math.Round(target, MidpointRounding.AwayFromZero);
        var share = users / shardCount;
        return share + (shardIndex < users % shardCount ? 1 : 0);
    }
}
