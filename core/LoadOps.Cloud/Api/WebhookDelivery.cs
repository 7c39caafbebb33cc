namespace LoadOps.Cloud.Api;

/// <summary>A GitHub webhook delivery as received: its headers of interest and the exact body bytes GitHub signed.</summary>
public sealed record WebhookDelivery(string? EventName, string? DeliveryId, string? Signature, byte[] Body);
