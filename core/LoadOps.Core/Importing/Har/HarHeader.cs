namespace LoadOps.Core.Importing.Har;

/// <summary>A name/value pair of a HAR entry: a header, a cookie, a query or form parameter.</summary>
public sealed record HarHeader(string Name, string Value);
