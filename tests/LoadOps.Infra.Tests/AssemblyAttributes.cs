using System.Runtime.Versioning;
using LoadOps.Infra.Tests.Bicep;

// The infrastructure targets Linux (linux-x64 bicep binary, bash scripts, systemd).
[assembly: SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(CompiledTemplateFixture))]
