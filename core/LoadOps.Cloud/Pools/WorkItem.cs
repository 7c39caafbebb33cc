namespace LoadOps.Cloud.Pools;

/// <summary>A received, locked work item: its body, how often it was delivered, and the receipt that settles it (opaque).</summary>
public sealed record WorkItem(string Id, string Body, int DeliveryCount, string Receipt);
