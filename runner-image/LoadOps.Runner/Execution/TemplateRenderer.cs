using System.Globalization;
using LoadOps.Core.Templates;

namespace LoadOps.Runner.Execution;

/// <summary>Fills in a parsed template for one virtual user: variables (its own, then setup's), built-ins, data set columns, random numbers, UUIDs, launch variables and secrets.</summary>
internal sealed class TemplateRenderer(SecretValues secrets, TimeProvider time, EnvValues? env = null, DataRows? data = null, SharedVariables? shared = null)
{
    public string Render(Template template, VirtualUser user)
    {
        if (template.Parts.Count == 1 && template.Parts[0] is LiteralPart only)
            return only.Text;
        var text = user.Text.Clear();
        foreach (var part in template.Parts)
        {
            switch (part)
            {
                case LiteralPart literal:
                    text.Append(literal.Text);
                    break;
                case RandomPart random:
                    text.Append(random.Min == random.Max ? random.Min : Random.Shared.NextInt64(random.Min, random.Max + 1));
                    break;
                case UuidPart:
                    text.Append(Guid.NewGuid().ToString("D"));
                    break;
                case SecretPart secret:
                    text.Append(secrets.Get(secret.Name));
                    break;
                case EnvPart launch:
                    text.Append((env ?? EnvValues.Empty).Get(launch.Name));
                    break;
                case DataPart column:
                    if ((data ?? DataRows.None).Value(column, user) is { } value)
                        text.Append(value);
                    else
                        user.MissingVariable ??= $"{column.Set}.{column.Column}";
                    break;
                case VariablePart variable:
                    AppendVariable(text, variable.Name, user);
                    break;
            }
        }
        return text.ToString();
    }

    private void AppendVariable(System.Text.StringBuilder text, string name, VirtualUser user)
    {
        if (user.Variables.TryGetValue(name, out var value) || (shared is not null && shared.Values.TryGetValue(name, out value)))
        {
            text.Append(value);
            return;
        }
        switch (name)
        {
            case BuiltInVariables.VirtualUser:
                text.Append(user.Id);
                break;
            case BuiltInVariables.Iteration:
                text.Append(user.Iteration);
                break;
            case BuiltInVariables.Shard:
                text.Append(user.Shard);
                break;
            case BuiltInVariables.Timestamp:
                text.Append(time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                break;
            default:
                user.MissingVariable ??= name;
                break;
        }
    }
}
