using LoadOps.Infra.Tests.Bicep;

[assembly: AssemblyFixture(typeof(CompiledTemplateFixture))]
