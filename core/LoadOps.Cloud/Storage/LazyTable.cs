using Azure.Data.Tables;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// A table created on first use, for tables added after a deployment's infrastructure was laid down (the Bicep
/// template creates the original ones). Creating is idempotent, so a race between two workers is harmless.
/// </summary>
internal sealed class LazyTable(TableServiceClient service, string name)
{
    private readonly TableClient _table = service.GetTableClient(name);
    private Task? _created;

    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var created = _created ??= _table.CreateIfNotExistsAsync(CancellationToken.None);
        try
        {
            await created.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _created = null; // try again next time
            throw;
        }
        return _table;
    }
}
