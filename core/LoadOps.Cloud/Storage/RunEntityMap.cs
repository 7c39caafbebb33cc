using System.Text.Json;
using Azure.Data.Tables;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>Maps <see cref="RunRecord"/> to a table row: partition = run id, row key = "run".</summary>
internal static class RunEntityMap
{
    public const string RowKey = "run";

    public static string PartitionKey(string runId) => TableKey.Encode(runId);

    public static TableEntity ToEntity(RunRecord run) => new(PartitionKey(run.RunId), RowKey)
    {
        [nameof(RunRecord.RunId)] = run.RunId,
        [nameof(RunRecord.TestName)] = run.TestName,
        [nameof(RunRecord.DefinitionHash)] = run.DefinitionHash,
        [nameof(RunRecord.Repo)] = run.Repo,
        [nameof(RunRecord.Commit)] = run.Commit,
        [nameof(RunRecord.Branch)] = run.Branch,
        [nameof(RunRecord.PullRequest)] = run.PullRequest,
        [nameof(RunRecord.Trigger)] = run.Trigger.ToString(),
        [nameof(RunRecord.InstallationId)] = run.InstallationId,
        [nameof(RunRecord.PolicyRef)] = run.PolicyRef,
        [nameof(RunRecord.RequestId)] = run.RequestId,
        [nameof(RunRecord.Status)] = run.Status.ToString(),
        [nameof(RunRecord.StatusReason)] = run.StatusReason,
        [nameof(RunRecord.CreatedAt)] = run.CreatedAt,
        [nameof(RunRecord.UpdatedAt)] = run.UpdatedAt,
        [nameof(RunRecord.ShardCount)] = run.ShardCount,
        [nameof(RunRecord.ShardsDone)] = run.ShardsDone,
        [nameof(RunRecord.ShardsMissing)] = run.ShardsMissing,
        [nameof(RunRecord.ShardsFailed)] = run.ShardsFailed,
        [nameof(RunRecord.ShardsReported)] = run.ShardsReported,
        [nameof(RunRecord.MergeStartedAt)] = run.MergeStartedAt,
        [nameof(RunRecord.Deadline)] = run.Deadline,
        [nameof(RunRecord.ResultBlobName)] = run.ResultBlobName,
        [nameof(RunRecord.ReportBlobNames)] = JsonSerializer.Serialize(run.ReportBlobNames),
        [nameof(RunRecord.EstimatedRunnerMinutes)] = run.EstimatedRunnerMinutes,
        [nameof(RunRecord.EstimatedCost)] = run.EstimatedCost,
        [nameof(RunRecord.CostCurrency)] = run.CostCurrency,
        [nameof(RunRecord.CostEstimate)] = run.CostEstimate,
    };

    public static RunRecord FromEntity(TableEntity entity) => new()
    {
        RunId = entity.GetString(nameof(RunRecord.RunId)),
        TestName = entity.GetString(nameof(RunRecord.TestName)),
        DefinitionHash = entity.GetString(nameof(RunRecord.DefinitionHash)),
        Repo = entity.GetString(nameof(RunRecord.Repo)),
        Commit = entity.GetString(nameof(RunRecord.Commit)),
        Branch = entity.GetString(nameof(RunRecord.Branch)),
        PullRequest = entity.GetInt32(nameof(RunRecord.PullRequest)),
        Trigger = Enum.Parse<RunTrigger>(entity.GetString(nameof(RunRecord.Trigger))),
        InstallationId = entity.GetInt64(nameof(RunRecord.InstallationId)),
        PolicyRef = entity.GetString(nameof(RunRecord.PolicyRef)),
        RequestId = entity.GetString(nameof(RunRecord.RequestId)),
        Status = Enum.Parse<RunStatus>(entity.GetString(nameof(RunRecord.Status))),
        StatusReason = entity.GetString(nameof(RunRecord.StatusReason)),
        CreatedAt = entity.GetDateTimeOffset(nameof(RunRecord.CreatedAt)) ?? default,
        UpdatedAt = entity.GetDateTimeOffset(nameof(RunRecord.UpdatedAt)) ?? default,
        ShardCount = entity.GetInt32(nameof(RunRecord.ShardCount)) ?? 0,
        ShardsDone = entity.GetInt32(nameof(RunRecord.ShardsDone)) ?? 0,
        ShardsMissing = entity.GetInt32(nameof(RunRecord.ShardsMissing)) ?? 0,
        ShardsFailed = entity.GetInt32(nameof(RunRecord.ShardsFailed)) ?? 0,
        ShardsReported = entity.GetInt32(nameof(RunRecord.ShardsReported)) ?? 0,
        MergeStartedAt = entity.GetDateTimeOffset(nameof(RunRecord.MergeStartedAt)),
        Deadline = entity.GetDateTimeOffset(nameof(RunRecord.Deadline)),
        ResultBlobName = entity.GetString(nameof(RunRecord.ResultBlobName)),
        ReportBlobNames = JsonSerializer.Deserialize<string[]>(entity.GetString(nameof(RunRecord.ReportBlobNames)) ?? "[]") ?? [],
        EstimatedRunnerMinutes = entity.GetDouble(nameof(RunRecord.EstimatedRunnerMinutes)),
        EstimatedCost = entity.GetDouble(nameof(RunRecord.EstimatedCost)),
        CostCurrency = entity.GetString(nameof(RunRecord.CostCurrency)),
        CostEstimate = entity.GetString(nameof(RunRecord.CostEstimate)),
    };
}
