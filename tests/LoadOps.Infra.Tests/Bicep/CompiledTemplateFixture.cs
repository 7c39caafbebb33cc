namespace LoadOps.Infra.Tests.Bicep;

/// <summary>Compiles main.bicep once for every test of the assembly.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private CompiledTemplate? template;

    internal CompiledTemplate Template => template ?? throw new InvalidOperationException("The template was not compiled.");

    public async ValueTask InitializeAsync() => template = await CompiledTemplate.BuildAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
