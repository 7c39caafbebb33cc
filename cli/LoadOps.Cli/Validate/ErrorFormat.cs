namespace LoadOps.Cli.Validate;

/// <summary>How <c>loadops validate</c> prints problems.</summary>
internal enum ErrorFormat
{
    /// <summary>Compiler style: <c>file:line:col: error LO012: message</c>, the line and a caret.</summary>
    Text,

    /// <summary>A JSON array of the error records (camelCase).</summary>
    Json,

    /// <summary>GitHub Actions workflow commands (<c>::error file=…::message</c>), shown as annotations.</summary>
    Github,
}
