using System.Globalization;
using LoadOps.Core.Importing.Results;
using LoadOps.Core.Results;

namespace LoadOps.Core.Importing.Gatling;

/// <summary>
/// Imports Gatling's text <c>simulation.log</c> (tab-separated records, Gatling 2.x to 3.11): every <c>REQUEST</c>
/// record is one request, timed from its start to its end timestamp (Unix milliseconds), failed when its status is
/// <c>KO</c>. Scenario: the request's group, else the simulation's name. Gatling 3.12 and later write a binary log,
/// which is refused with the reason.
/// </summary>
public static class GatlingLogImporter
{
    public const string Tool = "gatling";
    private const string Fix = "give the text simulation.log from Gatling's results folder (Gatling up to 3.11)";

    public static ImportOutcome<ResultFile> Import(string file, string text, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        if (text.AsSpan(0, Math.Min(text.Length, 4096)).IndexOfAnyInRange('\0', '\b') >= 0)
            return ImportOutcome<ResultFile>.Failed(new ImportProblem(file, "the log is binary (Gatling 3.12 and later write simulation.log in a binary format)",
                "export the requests as text with an older Gatling, or import another of the run's outputs") { Line = 1 });
        var builder = new ImportedResultBuilder();
        var simulation = Tool;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var fields = line.Split('\t');
            if (fields[0] == "RUN" && fields.Length > 1)
                simulation = fields[1][(fields[1].LastIndexOf('.') + 1)..];
            var isRequest = fields[0] == "REQUEST" || (fields.Length > 2 && fields[2] == "REQUEST");
            if (!isRequest)
                continue;
            var request = RequestRecord.Parse(fields);
            if (request is null)
                return ImportOutcome<ResultFile>.Failed(new ImportProblem(file,
                    "a REQUEST record without a name, start and end timestamps (ms) and OK/KO", Fix) { Line = number });
            var (group, name, start, end, ok, message) = request.Value;
            if (end < start)
                return ImportOutcome<ResultFile>.Failed(new ImportProblem(file, $"the request ends ({end}) before it starts ({start})", "fix or remove the line") { Line = number });
            builder.Add(new ImportedSample(group.Length > 0 ? group : request.Value.Scenario ?? simulation, name,
                DateTimeOffset.FromUnixTimeMilliseconds(start), (end - start) * 1000, ok ? SampleOutcome.Ok : Failure(message)));
        }
        if (builder.Count == 0)
            return ImportOutcome<ResultFile>.Failed(new ImportProblem(file, "no REQUEST records found", Fix));
        return ImportOutcome<ResultFile>.Ok(builder.Build(settings));
    }

    /// <summary>Gatling fails requests through checks; the message says which (a status check, a timeout, a refused connection).</summary>
    private static SampleOutcome Failure(string message)
    {
        if (message.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            return SampleOutcome.Timeout;
        if (message.Contains("Connect", StringComparison.OrdinalIgnoreCase) || message.Contains("refused", StringComparison.OrdinalIgnoreCase))
            return SampleOutcome.Connect;
        var found = message.IndexOf("found ", StringComparison.Ordinal);
        return found >= 0 && message.Length >= found + 9
            && int.TryParse(message.AsSpan(found + 6, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status >= 400
            ? SampleOutcome.Status
            : SampleOutcome.Check;
    }

    private readonly record struct RequestRecord(string Group, string Name, long Start, long End, bool Ok, string Message)
    {
        public string? Scenario { get; init; }

        /// <summary>
        /// 3.4+: REQUEST, groups, name, start, end, status, message; 3.0-3.3 add a user id after REQUEST;
        /// 2.x: scenario, user id, REQUEST, groups, name, request start/end, response start/end, status, message.
        /// </summary>
        public static RequestRecord? Parse(string[] f)
        {
            if (f[0] != "REQUEST")
                return f.Length >= 10 && Long(f[5]) is { } s && Long(f[8]) is { } e && Status(f[9]) is { } ok2
                    ? new RequestRecord(f[3], f[4], s, e, ok2, f.Length > 10 ? f[10] : "") { Scenario = f[0] }
                    : null;
            for (var i = 4; i < f.Length; i++)
            {
                if (Status(f[i]) is { } ok && Long(f[i - 1]) is { } end && Long(f[i - 2]) is { } start)
                    return new RequestRecord(i >= 5 ? f[i - 4] : "", f[i - 3], start, end, ok, i + 1 < f.Length ? f[i + 1] : "");
            }
            return null;
        }

        private static long? Long(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        private static bool? Status(string text) => text switch { "OK" => true, "KO" => false, _ => null };
    }
}
