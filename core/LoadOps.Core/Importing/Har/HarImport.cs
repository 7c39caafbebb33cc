namespace LoadOps.Core.Importing.Har;

/// <summary>What <see cref="HarImporter"/> made of a HAR file: the definition's YAML and everything the user must know about it.</summary>
public sealed record HarImport(string Yaml, string Origin, string HostReason, int StepCount)
{
    public IReadOnlyList<HarDropped> Dropped { get; init; } = [];

    /// <summary>Secret names the definition refers to (<c>${{ secrets.NAME }}</c>): set each as <c>LOADOPS_SECRET_NAME</c> before a run.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Values of later requests now taken from earlier responses, in words ("cartId = $.cartId of add-to-cart").</summary>
    public IReadOnlyList<string> Extracted { get; init; } = [];

    /// <summary>Other things worth reading before a run (recorded errors, bodies left out).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
