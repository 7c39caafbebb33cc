namespace LoadOps.Core.Validation;

internal enum SecretPlace
{
    Path,
    Header,
    Body,
    JsonValue,
}

/// <summary>Where a scanned value sits: a header (with its name), a JSON body value (with its key), a path or a body.</summary>
internal readonly record struct SecretContext(SecretPlace Place, string? Name = null)
{
    public static SecretContext Path => new(SecretPlace.Path);

    public static SecretContext Body => new(SecretPlace.Body);

    public static SecretContext Header(string name) => new(SecretPlace.Header, name);

    public static SecretContext JsonValue(string key) => new(SecretPlace.JsonValue, key);
}
