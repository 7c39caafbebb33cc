namespace LoadOps.Cloud.Api;

/// <summary>One stored report of a run: its file name, its blob in the reports container, and where the API serves it.</summary>
public sealed record RunReportLink(string Name, string Blob, string Url);
