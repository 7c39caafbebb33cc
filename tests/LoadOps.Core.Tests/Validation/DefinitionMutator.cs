using System.Text;

namespace LoadOps.Core.Tests.Validation;

/// <summary>Random, reproducible damage to valid definitions: deleted and swapped lines, wrong types, garbage, huge numbers.</summary>
internal sealed class DefinitionMutator(Random random)
{
    private static readonly string[] Replacements =
    [
        "", "~", "null", "true", "-1", "0", "99999999999999999999999999999", "1e309", "-1e309", ".inf", ".nan", "0x1F",
        "[1, 2]", "{ a: 1 }", "\"\"", "'quoted'", "{{ x }}", "${{ secrets.lower }}", "[[[[", "}}}", "&anchor x", "*alias",
        "!!binary AAAA", "\"\\u0000\"", "'\u202e'", "😀", "- - -", "? complex", "|", ">-", "%TAG ! x", "@", "`",
    ];

    private const string Garbage = "{}[]:,-?&*!|>'\"%@`#\t\r\n\0\u00a0\u2028\ufeff\\$";

    public string Mutate(string text)
    {
        var rounds = random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
            text = MutateOnce(text);
        return text;
    }

    private string MutateOnce(string text)
    {
        var lines = text.Split('\n').ToList();
        var at = random.Next(lines.Count);
        switch (random.Next(9))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                var other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            case 2:
                lines.Insert(at, lines[random.Next(lines.Count)]);
                break;
            case 3:
                lines[at] = ReplaceValue(lines[at]);
                break;
            case 4:
                lines[at] = Insert(lines[at], RandomGarbage(random.Next(1, 6)));
                break;
            case 5:
                lines[at] = new string(' ', random.Next(0, 9)) + lines[at].TrimStart();
                break;
            case 6:
                return text[..random.Next(text.Length + 1)];
            case 7:
                lines[at] = Insert(lines[at], new string('9', random.Next(20, 400)));
                break;
            default:
                var bytes = Encoding.UTF8.GetBytes(text);
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return Encoding.UTF8.GetString(bytes);
        }
        return string.Join('\n', lines);
    }

    private string ReplaceValue(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var value = Replacements[random.Next(Replacements.Length)];
        return colon < 0 ? line + value : line[..(colon + 2)] + value;
    }

    private string Insert(string line, string insert) => line.Insert(random.Next(line.Length + 1), insert);

    private string RandomGarbage(int length) =>
        new(Enumerable.Range(0, length).Select(_ => Garbage[random.Next(Garbage.Length)]).ToArray());
}
