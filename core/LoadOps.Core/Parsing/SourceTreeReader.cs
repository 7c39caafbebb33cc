using LoadOps.Core.Definitions;
using LoadOps.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LoadOps.Core.Parsing;

/// <summary>
/// Reads YAML text into a <see cref="SourceNode"/> tree with positions, from the parser's events (no recursion,
/// so deep input cannot overflow the stack). Refuses anchors, several documents, deep nesting and huge node counts.
/// </summary>
internal static class SourceTreeReader
{
    public const int MaxDepth = 64;
    public const int MaxNodes = 200_000;

    /// <summary>The root node of the single document, or null when the text has errors (reported) or is empty.</summary>
    public static SourceNode? Read(string text, ErrorCollector errors)
    {
        var builder = new Builder(errors);
        var parser = new Parser(new StringReader(text));
        var lastEnd = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                lastEnd = current.End;
                if (!builder.Accept(current))
                    return null;
            }
        }
        catch (YamlException exception)
        {
            var at = exception.Start.Index > 0 || lastEnd.Index == 0 ? At(exception.Start) : Fallback(text, exception, lastEnd);
            errors.Error(at, ValidationCodes.YamlSyntax, $"YAML syntax: {Describe(exception)}");
            return null;
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or YamlException))
        {
            // The YAML library throws a few non-YAML exceptions on malformed input; it is still the user's text at fault.
            errors.Error(At(lastEnd), ValidationCodes.YamlSyntax, "YAML syntax: the text after this point cannot be read; check quotes, brackets and indentation");
            return null;
        }
        if (builder.Root is null)
            errors.Error(new SourcePosition(1, 1), ValidationCodes.EmptyDocument, "the file holds no definition; start with 'version: 1'");
        return builder.Root;
    }

    /// <summary>Some scanner errors carry no position; point at the first tab indentation, or just after the last good token.</summary>
    private static SourcePosition Fallback(string text, YamlException exception, Mark lastEnd)
    {
        if (exception.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = (int)Math.Max(0, lastEnd.Line - 1); i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indent)
                    return new SourcePosition(i + 1, tab + 1);
            }
        }
        return At(lastEnd);
    }

    private static string Describe(YamlException exception)
    {
        var message = exception.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    internal static SourcePosition At(Mark mark) =>
        new((int)Math.Min(int.MaxValue, mark.Line), (int)Math.Min(int.MaxValue, mark.Column));

    private sealed class Builder(ErrorCollector errors)
    {
        private readonly Stack<(SourceNode Start, List<SourceNode> Children)> _open = new();
        private int _nodes;
        private int _documents;

        public SourceNode? Root { get; private set; }

        public bool Accept(ParsingEvent current)
        {
            switch (current)
            {
                case DocumentStart when ++_documents > 1:
                    errors.Error(At(current.Start), ValidationCodes.MultipleDocuments,
                        "one definition per file: remove the '---' and put the second test in its own *.loadtest.yaml");
                    return false;
                case AnchorAlias:
                    errors.Error(At(current.Start), ValidationCodes.AnchorsNotSupported,
                        "aliases (*name) are not supported; write the value out in full");
                    return false;
                case NodeEvent { Anchor.IsEmpty: false }:
                    errors.Error(At(current.Start), ValidationCodes.AnchorsNotSupported,
                        "anchors (&name) are not supported; write the value out in full");
                    return false;
            }

            switch (current)
            {
                case Scalar scalar:
                    return Add(new SourceScalar(At(scalar.Start), scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any,
                        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0,
                        scalar.Start.Line == scalar.End.Line && scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded)));
                case MappingStart or SequenceStart:
                    if (_open.Count >= MaxDepth)
                    {
                        errors.Error(At(current.Start), ValidationCodes.TooDeep,
                            $"nesting deeper than {MaxDepth} levels; a definition needs far fewer, check the indentation and brackets");
                        return false;
                    }
                    var placeholder = current is MappingStart
                        ? (SourceNode)new SourceMapping(At(current.Start), [])
                        : new SourceSequence(At(current.Start), []);
                    _open.Push((placeholder, []));
                    return true;
                case MappingEnd or SequenceEnd:
                    var (start, children) = _open.Pop();
                    return start is SourceMapping ? Add(CloseMapping(start.At, children)) : Add(new SourceSequence(start.At, children));
                default:
                    return true;
            }
        }

        private SourceNode? CloseMapping(SourcePosition at, List<SourceNode> children)
        {
            var entries = new List<SourceEntry>(children.Count / 2);
            for (var i = 0; i + 1 < children.Count; i += 2)
            {
                if (children[i] is not SourceScalar key)
                {
                    errors.Error(children[i].At, ValidationCodes.WrongType, "a key must be plain text, not " + children[i].Describe());
                    return null;
                }
                entries.Add(new SourceEntry(key, children[i + 1]));
            }
            return new SourceMapping(at, entries);
        }

        private bool Add(SourceNode? node)
        {
            if (node is null)
                return false;
            if (++_nodes > MaxNodes)
            {
                errors.Error(node.At, ValidationCodes.TooDeep, $"more than {MaxNodes} values; a definition needs far fewer");
                return false;
            }
            if (_open.Count == 0)
                Root = node;
            else
                _open.Peek().Children.Add(node);
            return true;
        }
    }
}
