using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Api;

/// <summary>Where a <c>/loadtest accept</c> goes once the sender's write access is checked: the baselines of the pipeline's storage.</summary>
public interface IBaselineAcceptor
{
    Task<BaselineAcceptanceOutcome> AcceptAsync(BaselineAcceptance request, CancellationToken cancellationToken);
}
