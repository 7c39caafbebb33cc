using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>data:</c>: named CSV / JSON-lines files with how rows are picked and what happens when unique rows run out.</summary>
internal sealed class DataReader(FieldReader reader)
{
    private static readonly string[] Keys = ["name", "file", "pick", "onExhausted"];

    private ErrorCollector Errors => reader.Errors;

    public List<DataSetSpec>? Read(MappingFields root)
    {
        if (root["data"] is not { } node)
            return [];
        if (reader.List(node, "data", "[{ name: users, file: data/users.csv }]") is not { } items)
            return null;
        var sets = new List<DataSetSpec>();
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var set = ReadSet(items[i], $"data[{i}]");
            if (set is null)
                complete = false;
            else if (sets.Any(s => s.Name == set.Name))
            {
                Errors.Error(items[i].At, ValidationCodes.DuplicateDataSet, $"data[{i}]: another data set is already named '{set.Name}'; rename one");
                complete = false;
            }
            else
                sets.Add(set);
        }
        return complete ? sets : null;
    }

    private DataSetSpec? ReadSet(SourceNode item, string path)
    {
        if (reader.Mapping(item, path, "a data set", Keys) is not { } fields)
            return null;
        var name = reader.Require(fields, "name", "name: users") is { } n ? reader.Text(n, $"{path}.name") : null;
        if (name is not null && (!Templates.TemplateParser.IsIdentifier(name) || name is "env" or "secrets"))
        {
            Errors.Error(fields["name"]!.At, ValidationCodes.InvalidName,
                $"{path}.name: '{name}' must be a name of letters, digits and _ (not 'env' or 'secrets'), e.g. users; templates read it as {{{{ users.COLUMN }}}}");
            name = null;
        }
        var file = reader.Require(fields, "file", "file: data/users.csv") is { } f ? reader.Text(f, $"{path}.file") : null;
        var pick = Choice(fields, "pick", path, DataPick.Sequential, "sequential, random or unique");
        var exhausted = Choice(fields, "onExhausted", path, DataExhausted.Stop, "stop or recycle");
        if (name is null || file is null || pick is null || exhausted is null)
            return null;
        if (fields.Has("onExhausted") && pick != DataPick.Unique)
            Errors.Warning(fields.KeyAt("onExhausted"), ValidationCodes.IgnoredField,
                $"{path}.onExhausted only applies to pick: unique ({pick.Value.ToString().ToLowerInvariant()} rows never run out); remove it");
        return new DataSetSpec(name, file, pick.Value, exhausted.Value) { At = item.At };
    }

    private T? Choice<T>(MappingFields fields, string key, string path, T fallback, string allowed) where T : struct, Enum
    {
        if (fields[key] is not { } node)
            return fallback;
        if (reader.Text(node, $"{path}.{key}") is not { } text)
            return null;
        if (text.Length > 0 && char.IsAsciiLetterLower(text[0]) && text.All(char.IsAsciiLetter) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
            return value;
        var nearest = NearestName.Find(text, Enum.GetNames<T>().Select(v => char.ToLowerInvariant(v[0]) + v[1..]));
        Errors.Error(node.At, ValidationCodes.UnknownDataPick,
            $"{path}.{key}: '{text}' is not one of {allowed}" + (nearest is null ? "" : $"; did you mean '{nearest}'?"));
        return null;
    }
}
