using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Core.Results;

/// <summary>
/// Reads a result file straight from its UTF-8 bytes for a merge, without building its object graph: every interval's
/// counts go into a <see cref="StagedInput"/> by value and its histogram is base64-decoded from the file's bytes and
/// checked (<see cref="IntervalJsonReader"/>). What is returned besides is the envelope: the result with its steps'
/// names and locations but no intervals, and its health, shards and trust issues. Properties may come in any order
/// and any letter case, as the serializer allows. Bad input becomes a <see cref="MergeProblem"/>, never an exception.
/// Given a <see cref="SnapshotRead"/>, what an earlier snapshot of the shard merged (intervals and health samples up to
/// its <see cref="SnapshotRead.MergedThrough"/>) is digested, not staged, and left out of the envelope's health.
/// </summary>
internal static class ResultJsonReader
{
    public static MergeProblem? Read(ReadOnlySpan<byte> json, string source, StagedInput staged, out ResultFile? envelope, SnapshotRead? seen = null)
    {
        ArgumentNullException.ThrowIfNull(staged);
        envelope = null;
        staged.Clear();
        var reader = new Utf8JsonReader(json);
        var at = new JsonPosition();
        try
        {
            if (!reader.Read())
                throw new JsonException("the file is empty.");
            if (reader.TokenType == JsonTokenType.Null)
                return new(source, "the file holds JSON null, not a result.");
            var fields = ReadFields(ref reader, json, staged, at, source, seen, out var problem);
            if (problem is not null)
            {
                staged.Clear();
                return problem;
            }
            if (reader.Read())
                throw new JsonException("there is more after the result object.");
            at.Field = null;
            problem = fields.Finish(staged, source, out envelope);
            if (problem is not null)
                staged.Clear();
            return problem;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            staged.Clear();
            var (line, column) = e is JsonException { LineNumber: { } l } json1
                ? (l + 1, (json1.BytePositionInLine ?? 0) + 1)
                : LineAndColumn(json, at.Offset + reader.TokenStartIndex);
            var field = at.Describe() is { } path ? $" (field {path})" : "";
            return new(source, $"not a valid result file at line {line}, column {column}{field}: {FirstSentence(e.Message)}");
        }
    }

    private static ResultFields ReadFields(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, StagedInput staged, JsonPosition at, string source, SnapshotRead? seen, out MergeProblem? problem)
    {
        problem = null;
        IntervalJsonReader.Expect(ref reader, JsonTokenType.StartObject, "a result object");
        var fields = new ResultFields();
        var options = LoadOpsJson.Options;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            at.Field = name;
            reader.Read();
            switch (name.ToLowerInvariant())
            {
                case "steps":
                    problem = IntervalJsonReader.ReadSteps(ref reader, json, staged, fields.Steps, at, source, seen);
                    if (problem is not null)
                        return fields;
                    fields.HasSteps = true;
                    break;
                case "version": fields.Version = reader.GetInt32(); break;
                case "runid": fields.RunId = reader.GetString(); break;
                case "shardid": fields.ShardId = reader.GetString(); break;
                case "definition": fields.Definition = reader.GetString(); break;
                case "definitionhash": fields.DefinitionHash = reader.GetString(); break;
                case "commit": fields.Commit = reader.GetString(); break;
                case "branch": fields.Branch = reader.GetString(); break;
                case "location": fields.Location = reader.GetString(); break;
                case "approximation": fields.Approximation = reader.GetString(); break;
                case "start": fields.Start = JsonSerializer.Deserialize<DateTimeOffset>(ref reader, options); break;
                case "end": fields.End = JsonSerializer.Deserialize<DateTimeOffset>(ref reader, options); break;
                case "interval": fields.Interval = JsonSerializer.Deserialize<TimeSpan>(ref reader, options); break;
                case "status": fields.Status = JsonSerializer.Deserialize<ResultStatus>(ref reader, options); break;
                case "trustissues": fields.TrustIssues = JsonSerializer.Deserialize<List<TrustIssue>>(ref reader, options) ?? []; break;
                case "health": fields.Health = seen is null ? JsonSerializer.Deserialize<List<HealthSample>>(ref reader, options) ?? [] : ReadNewHealth(ref reader, json, at, seen); break;
                case "settings": fields.Settings = JsonSerializer.Deserialize<RunSettings>(ref reader, options); break;
                case "shards": fields.Shards = JsonSerializer.Deserialize<List<ShardInfo>>(ref reader, options) ?? []; break;
                default: reader.Skip(); break;
            }
        }
        IntervalJsonReader.Expect(ref reader, JsonTokenType.EndObject, "the end of the result object");
        return fields;
    }

    /// <summary>The health samples a snapshot gained since <paramref name="seen"/>'s earlier one; every sample is digested.</summary>
    private static List<HealthSample> ReadNewHealth(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonPosition at, SnapshotRead seen)
    {
        var fresh = new List<HealthSample>();
        if (reader.TokenType == JsonTokenType.Null)
            return fresh;
        IntervalJsonReader.Expect(ref reader, JsonTokenType.StartArray, "an array of health samples");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var begin = at.Offset + (int)reader.TokenStartIndex;
            if (MergedStart(reader, seen) is { } merged)
            {
                reader.Skip();
                seen.Health(merged, json[begin..(at.Offset + (int)reader.BytesConsumed)]);
                continue;
            }
            var sample = JsonSerializer.Deserialize<HealthSample>(ref reader, LoadOpsJson.Options) ?? throw new JsonException("a health sample is null.");
            seen.Health(sample.Start.UtcTicks, json[begin..(at.Offset + (int)reader.BytesConsumed)]);
            if (!seen.WasMerged(sample.Start.UtcTicks))
                fresh.Add(sample);
        }
        return fresh;
    }

    /// <summary>The start of the sample <paramref name="ahead"/> is on when it comes first (as written) and was merged: then only its bytes are needed.</summary>
    private static long? MergedStart(Utf8JsonReader ahead, SnapshotRead seen)
    {
        if (ahead.TokenType != JsonTokenType.StartObject || !ahead.Read() || !ahead.ValueTextEquals("start"u8) || !ahead.Read()
            || ahead.TokenType != JsonTokenType.String || !ahead.TryGetDateTimeOffset(out var start))
            return null;
        return seen.WasMerged(start.UtcTicks) ? start.UtcTicks : null;
    }

    private static (long Line, long Column) LineAndColumn(ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)Math.Min(offset, json.Length)];
        var lastBreak = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, before.Length - lastBreak);
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
                message = message[..cut];
        }
        return message;
    }
}
