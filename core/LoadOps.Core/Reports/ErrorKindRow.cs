namespace LoadOps.Core.Reports;

/// <summary>One kind of failure of a step ("status 503", "refused", "check contains 'ok'") with its count and one masked sample message.</summary>
public sealed record ErrorKindRow(string Kind, long Count, string? Sample = null);
