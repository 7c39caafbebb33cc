namespace LoadOps.Core.Templates;

/// <summary>One piece of a parsed template: literal text, or an expression filled in per request.</summary>
public abstract record TemplatePart
{
    /// <summary>0-based offset of the part in the template text, for error messages.</summary>
    public int Offset { get; init; }
}

public sealed record LiteralPart(string Text) : TemplatePart;

/// <summary><c>{{ random A B }}</c>: a uniformly random integer in [A, B].</summary>
public sealed record RandomPart(long Min, long Max) : TemplatePart;

/// <summary><c>{{ uuid }}</c>: a new random UUID.</summary>
public sealed record UuidPart : TemplatePart;

/// <summary><c>{{ name }}</c>: a per-virtual-user variable (extracted earlier) or a built-in such as <c>vu</c>.</summary>
public sealed record VariablePart(string Name) : TemplatePart;

/// <summary><c>${{ secrets.NAME }}</c>: a secret resolved on the runner from <c>LOADOPS_SECRET_NAME</c>, never written anywhere.</summary>
public sealed record SecretPart(string Name) : TemplatePart;

/// <summary><c>{{ env.NAME }}</c>: a value given at launch (<c>loadops run -e NAME=VALUE</c>, or <c>LOADOPS_ENV_NAME</c> on the runner). Not a secret: it may be printed.</summary>
public sealed record EnvPart(string Name) : TemplatePart;

/// <summary><c>{{ SET.COLUMN }}</c>: the named column of the row the iteration took from data set SET (<c>data:</c>).</summary>
public sealed record DataPart(string Set, string Column) : TemplatePart;
