namespace LoadOps.Pipeline;

/// <summary>What it takes to delete, abandon or extend a received message. Changes when the message is extended.</summary>
public sealed record StageReceipt(string QueueName, string MessageId, string PopReceipt);
