using LoadOps.Core.Definitions;

namespace LoadOps.Core.Data;

/// <summary>A template's <c>{{ SET.COLUMN }}</c>, where it is in the definition, so a missing column can be located.</summary>
public sealed record DataColumnUse(string Set, string Column, SourcePosition At);
