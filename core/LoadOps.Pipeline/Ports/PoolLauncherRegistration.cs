namespace LoadOps.Pipeline;

/// <summary>The launcher of one runner pool (<c>pool/&lt;name&gt;</c>), registered by the host that serves the pool.</summary>
public sealed record PoolLauncherRegistration(string Name, IShardLauncher Launcher);
