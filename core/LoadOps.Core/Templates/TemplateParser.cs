using System.Globalization;
using System.Text;

namespace LoadOps.Core.Templates;

/// <summary>
/// Parses <c>{{ ... }}</c> expressions and <c>${{ secrets.NAME }}</c> references out of text.
/// Grammar: <c>{{ random INT INT }}</c> | <c>{{ uuid }}</c> | <c>{{ env.NAME }}</c> | <c>{{ SET.COLUMN }}</c> | <c>{{ IDENT }}</c>. Never throws on user input.
/// </summary>
public static class TemplateParser
{
    /// <summary>A problem at a 0-based <see cref="Offset"/> of the template text.</summary>
    public sealed record Failure(string Message, int Offset);

    public static bool TryParse(string text, out Template template, out Failure? failure)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var literalStart = 0;
        failure = null;
        template = new Template(parts);

        var i = 0;
        while (i < text.Length)
        {
            var isSecret = text.AsSpan(i).StartsWith("${{", StringComparison.Ordinal);
            if (!isSecret && !text.AsSpan(i).StartsWith("{{", StringComparison.Ordinal))
            {
                if (text.AsSpan(i).StartsWith("}}", StringComparison.Ordinal))
                {
                    failure = new Failure("'}}' without a matching '{{'; remove it or add the opening '{{'", i);
                    return false;
                }
                if (literal.Length == 0) literalStart = i;
                literal.Append(text[i++]);
                continue;
            }

            var open = i;
            var bodyStart = i + (isSecret ? 3 : 2);
            var close = text.IndexOf("}}", bodyStart, StringComparison.Ordinal);
            if (close < 0)
            {
                failure = new Failure("'{{' is never closed; add '}}' after the expression", open);
                return false;
            }
            if (literal.Length > 0)
            {
                parts.Add(new LiteralPart(literal.ToString()) { Offset = literalStart });
                literal.Clear();
            }

            var body = text[bodyStart..close];
            var part = isSecret ? ParseSecret(body, open, out failure) : ParseExpression(body, open, bodyStart, out failure);
            if (part is null)
                return false;
            parts.Add(part);
            i = close + 2;
        }
        if (literal.Length > 0)
            parts.Add(new LiteralPart(literal.ToString()) { Offset = literalStart });
        return true;
    }

    private static TemplatePart? ParseSecret(string body, int open, out Failure? failure)
    {
        failure = null;
        var trimmed = body.Trim();
        const string prefix = "secrets.";
        if (!trimmed.StartsWith(prefix, StringComparison.Ordinal) || !IsSecretName(trimmed[prefix.Length..]))
        {
            failure = new Failure($"'${{{{{body}}}}}' is not a secret reference; write ${{{{ secrets.NAME }}}} with NAME in A-Z, 0-9 and _", open);
            return null;
        }
        return new SecretPart(trimmed[prefix.Length..]) { Offset = open };
    }

    private static TemplatePart? ParseExpression(string body, int open, int bodyStart, out Failure? failure)
    {
        failure = null;
        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var firstWordAt = bodyStart + (body.Length - body.TrimStart().Length);
        if (words.Length == 0)
        {
            failure = new Failure("empty expression '{{ }}'; write a variable name, 'uuid' or 'random MIN MAX'", open);
            return null;
        }
        switch (words[0])
        {
            case "uuid" when words.Length == 1:
                return new UuidPart { Offset = open };
            case "random":
                if (words.Length == 3 && TryInteger(words[1], out var min) && TryInteger(words[2], out var max) && min <= max)
                    return new RandomPart(min, max) { Offset = open };
                failure = new Failure("'random' takes two whole numbers MIN MAX with MIN <= MAX, e.g. {{ random 1 10 }}", firstWordAt);
                return null;
            case var word when words.Length == 1 && word.StartsWith(EnvPrefix, StringComparison.Ordinal):
                if (IsSecretName(word[EnvPrefix.Length..]))
                    return new EnvPart(word[EnvPrefix.Length..]) { Offset = open };
                failure = new Failure($"'{word}' is not a launch variable; write {{{{ env.NAME }}}} with NAME in A-Z, 0-9 and _", firstWordAt);
                return null;
            case var word when words.Length == 1 && word.Split('.') is [var set, var column] && IsIdentifier(set) && IsIdentifier(column):
                return new DataPart(set, column) { Offset = open };
            default:
                if (words.Length == 1 && IsIdentifier(words[0]))
                    return new VariablePart(words[0]) { Offset = open };
                failure = new Failure($"'{body.Trim()}' is not an expression; write a variable name, SET.COLUMN of a data set, 'uuid' or 'random MIN MAX'", firstWordAt);
                return null;
        }
    }

    /// <summary>The prefix of a launch variable, <c>{{ env.NAME }}</c>.</summary>
    public const string EnvPrefix = "env.";

    private static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static bool IsSecretName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') &&
        !char.IsAsciiDigit(name[0]);
}
