using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The <c>approvals</c> table: one row per fork pull request (partition = repository, row key = PR number) holding the
/// newest request that waits for a maintainer's approval, so an approval starts those very runs. Writes replace the row
/// (the newest head commit wins); a stage that re-reads it after a duplicate message finds the same answer.
/// </summary>
public sealed class ApprovalStore : IApprovalRepository
{
    private const string RequestJson = "Request";
    private const string ApprovedBy = "ApprovedBy";
    private const string ApprovedVia = "ApprovedVia";

    private readonly LazyTable _table;

    public ApprovalStore(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = new LazyTable(clients.Tables, clients.Names.ApprovalsTable);
    }

    public async Task<PendingApproval?> GetAsync(string repository, int pullRequest, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition(repository), Row(pullRequest), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
            return null;
        var request = JsonSerializer.Deserialize<RunRequest>(entity.GetString(RequestJson) ?? "null", LoadOpsJson.Compact);
        return request is null ? null : new PendingApproval(request, entity.GetString(ApprovedBy), entity.GetString(ApprovedVia));
    }

    /// <summary>Records <paramref name="approval"/> for its request's pull request, replacing what was there.</summary>
    public async Task PutAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var request = approval.Request;
        if (request.PullRequest is not { } number)
            throw new ArgumentException("Only a pull request's run request can wait for approval.", nameof(approval));
        var table = await _table.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition(request.Repository), Row(number))
        {
            [RequestJson] = JsonSerializer.Serialize(request, LoadOpsJson.Compact),
            [ApprovedBy] = approval.ApprovedBy,
            [ApprovedVia] = approval.ApprovedVia,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string Partition(string repository) => TableKey.Encode(repository.ToLowerInvariant());

    private static string Row(int pullRequest) => pullRequest.ToString(CultureInfo.InvariantCulture);
}
