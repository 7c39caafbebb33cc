using System.Text;

namespace LoadOps.Core.Importing.Har;

/// <summary>Writes the steps as a definition (CONTRACTS: definition format, version 1), with comments saying where it came from.</summary>
internal static class HarDefinitionWriter
{
    public static string Write(string name, string file, string origin, IReadOnlyList<StepDraft> steps, IReadOnlyList<string> secrets)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"# Imported by `loadops import har` from {Path.GetFileName(file)}: {steps.Count} recorded request(s) to {origin}, in recorded order.");
        if (secrets.Count > 0)
            yaml.AppendLine($"# Before a run, set these secrets (environment LOADOPS_SECRET_NAME): {string.Join(", ", secrets)}.");
        yaml.AppendLine("# The load below is a placeholder: one user for one minute. Edit it, and add thresholds.");
        yaml.AppendLine("version: 1");
        yaml.AppendLine($"name: {name}");
        yaml.AppendLine($"description: {YamlText.Quote($"Recorded session against {origin}, imported from {Path.GetFileName(file)}")}");
        yaml.AppendLine("target:");
        yaml.AppendLine($"  baseUrl: {YamlText.Quote(origin)}");
        yaml.AppendLine("load:");
        yaml.AppendLine("  model: closed");
        yaml.AppendLine("  stages:");
        yaml.AppendLine("    - { duration: 1m, users: 1 }");
        yaml.AppendLine("scenarios:");
        yaml.AppendLine("  - name: recorded");
        yaml.AppendLine("    steps:");
        foreach (var step in steps)
        {
            yaml.AppendLine($"      - name: {step.Name}");
            yaml.AppendLine($"        request: {YamlText.Quote($"{step.Entry.Method} {step.PathAndQuery}")}");
            if (step.Headers.Count > 0)
            {
                yaml.AppendLine("        headers:");
                foreach (var (header, value) in step.Headers)
                    yaml.AppendLine($"          {YamlText.Quote(header)}: {YamlText.Quote(value)}");
            }
            if (step.Json is not null)
                yaml.AppendLine($"        json: {YamlText.Flow(step.Json)}");
            else if (step.Body is not null)
                yaml.AppendLine($"        body: {YamlText.Quote(step.Body)}");
            if (step.Extract.Count > 0)
                yaml.AppendLine("        extract: { " + string.Join(", ", step.Extract.Select(e => $"{e.Variable}: {YamlText.Quote(e.Path)}")) + " }");
            if (step.Entry.Status is >= 200 and < 400)
                yaml.AppendLine($"        expect: {{ status: {step.Entry.Status} }}");
        }
        return yaml.ToString();
    }
}
