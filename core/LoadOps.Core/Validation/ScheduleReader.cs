using System.Text.RegularExpressions;
using Cronos;
using LoadOps.Core.Definitions;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>schedule:</c>: five-field cron expressions (Cronos) in an IANA time zone (default UTC).</summary>
internal sealed partial class ScheduleReader(FieldReader reader)
{
    private static readonly string[] Keys = ["cron", "timezone"];

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")]
    private static partial Regex ZoneShape();

    private ErrorCollector Errors => reader.Errors;

    public List<ScheduleSpec>? Read(MappingFields root)
    {
        if (root["schedule"] is not { } node)
            return [];
        if (reader.List(node, "schedule", "[{ cron: \"0 3 * * *\", timezone: Europe/Paris }]") is not { } items)
            return null;
        var schedules = new List<ScheduleSpec>();
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"schedule[{i}]";
            if (reader.Mapping(items[i], path, "a schedule", Keys) is not { } fields)
            {
                complete = false;
                continue;
            }
            var cron = reader.Require(fields, "cron", "cron: \"0 3 * * *\"") is { } c ? ReadCron(c, $"{path}.cron") : null;
            var zone = fields["timezone"] is { } z ? ReadZone(z, $"{path}.timezone") : "UTC";
            if (cron is null || zone is null)
                complete = false;
            else
                schedules.Add(new ScheduleSpec(cron, zone) { At = items[i].At });
        }
        return complete ? schedules : null;
    }

    private string? ReadCron(Parsing.SourceNode node, string path)
    {
        if (reader.Text(node, path) is not { } text)
            return null;
        string? problem;
        try
        {
            problem = text.Length <= 200 && CronExpression.TryParse(text, CronFormat.Standard, out _) ? null : "not a valid cron expression";
        }
        catch (CronFormatException exception)
        {
            problem = exception.Message;
        }
        if (problem is null)
            return text;
        Errors.Error(node.At, ValidationCodes.InvalidCron,
            $"{path}: '{(text.Length > 40 ? text[..37] + "..." : text)}' is {problem.TrimEnd('.')}; write five fields 'minute hour day-of-month month day-of-week', e.g. \"0 3 * * *\" (03:00 daily)");
        return null;
    }

    private string? ReadZone(Parsing.SourceNode node, string path)
    {
        if (reader.Text(node, path) is not { } text)
            return null;
        if (text.Length <= 64 && ZoneShape().IsMatch(text) && TimeZoneInfo.TryFindSystemTimeZoneById(text, out _))
            return text;
        Errors.Error(node.At, ValidationCodes.UnknownTimeZone,
            $"{path}: '{(text.Length > 40 ? text[..37] + "..." : text)}' is not a known time zone; use an IANA name such as UTC, Europe/Paris or America/New_York");
        return null;
    }
}
