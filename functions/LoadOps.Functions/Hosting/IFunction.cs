using LoadOps.Functions.Protocol;

namespace LoadOps.Functions.Hosting;

/// <summary>One function of the app: binds the host's payload, calls one core function, maps the outcome.</summary>
public interface IFunction
{
    /// <summary>The function's folder name, which is also the path the host posts to.</summary>
    string Name { get; }

    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
