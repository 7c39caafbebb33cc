namespace LoadOps.Core.JsonPaths;

/// <summary>One step of a JSONPath: a property, an array index (negative counts from the end) or a wildcard.</summary>
public abstract record JsonPathSegment;

public sealed record PropertySegment(string Name) : JsonPathSegment;

public sealed record IndexSegment(int Index) : JsonPathSegment;

/// <summary><c>[*]</c> or <c>.*</c>: every element of an array or every value of an object.</summary>
public sealed record WildcardSegment : JsonPathSegment;
