using System.Text.Json;

namespace LoadOps.Core.Results;

/// <summary>
/// The steps array of a result file, read for <see cref="ResultJsonReader"/>: counts by value, histograms decoded from
/// the file's bytes into the staged counts (<see cref="CompressedHistogramReader.Stage(ReadOnlySpan{byte}, ByteList)"/>).
/// Names are matched exactly first (the files LoadOps writes) and then ignoring case. Given a <see cref="SnapshotRead"/>,
/// intervals merged from an earlier snapshot of the shard are digested from <c>json</c> instead of staged.
/// </summary>
internal static class IntervalJsonReader
{
    private enum Field { Unknown, Start, Ok, Failed, BytesSent, BytesReceived, Histogram, Status, Timeout, Connect, Check, Scenario, Step, Location, Intervals, Other, StatusCodes, Errors, ErrorSamples }

    /// <summary>Each field's name as <c>ToString</c> gives it, without boxing the enum for every property read (most of a merge's garbage).</summary>
    private static readonly string[] FieldNames = Enum.GetNames<Field>();

    [ThreadStatic]
    private static byte[]? t_unescaped;

    public static MergeProblem? ReadSteps(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, StagedInput staged, List<StepResult> steps, JsonPosition at, string source, SnapshotRead? seen)
    {
        Expect(ref reader, JsonTokenType.StartArray, "an array of steps");
        at.Step = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            at.Step++;
            at.Interval = -1;
            at.IntervalField = null;
            Expect(ref reader, JsonTokenType.StartObject, "a step object");
            string? scenario = null, step = null, location = null;
            var first = staged.Intervals.Count;
            var hasIntervals = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Name(ref reader);
                reader.Read();
                switch (field)
                {
                    case Field.Scenario: scenario = reader.GetString(); break;
                    case Field.Step: step = reader.GetString(); break;
                    case Field.Location: location = reader.GetString(); break;
                    case Field.Intervals:
                        if (ReadIntervals(ref reader, json, staged, at, source, step ?? $"#{at.Step + 1}", seen) is { } problem)
                            return problem;
                        hasIntervals = true;
                        at.Interval = -1;
                        at.IntervalField = null;
                        break;
                    default: reader.Skip(); break;
                }
            }
            Expect(ref reader, JsonTokenType.EndObject, "the end of the step object");
            if (scenario is null || step is null || !hasIntervals)
                throw new JsonException("a step needs 'scenario', 'step' and 'intervals'.");
            seen?.EndStep(scenario, step, location);
            for (var i = first; i < staged.Intervals.Count; i++)
                staged.Intervals[i] = staged.Intervals[i] with { Key = (scenario, step, location) };
            steps.Add(new StepResult(scenario, step, []) { Location = location });
        }
        return null;
    }

    private static MergeProblem? ReadIntervals(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, StagedInput staged, JsonPosition at, string source, string step, SnapshotRead? seen)
    {
        Expect(ref reader, JsonTokenType.StartArray, "an array of intervals");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            at.Interval++;
            Expect(ref reader, JsonTokenType.StartObject, "an interval object");
            var objectStart = at.Offset + (int)reader.TokenStartIndex;
            var stagedBefore = staged.Counts.Count;
            var digestOnly = false;
            DateTimeOffset? start = null;
            long ok = 0, sent = 0, received = 0;
            var failed = default(IntervalCounts);
            IReadOnlyDictionary<string, long>? codes = null, errors = null;
            IReadOnlyDictionary<string, string>? samples = null;
            var from = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (digestOnly)
                {
                    // Merged from an earlier snapshot (its start came first, as written): the digest checks it is
                    // unchanged, so the rest is passed over, nothing decoded.
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                var field = Name(ref reader);
                at.IntervalField = FieldNames[(int)field];
                reader.Read();
                switch (field)
                {
                    case Field.Start:
                        start = reader.GetDateTimeOffset();
                        digestOnly = from < 0 && seen is not null && seen.WasMerged(start.Value.UtcTicks);
                        break;
                    case Field.Ok: ok = reader.GetInt64(); break;
                    case Field.BytesSent: sent = reader.GetInt64(); break;
                    case Field.BytesReceived: received = reader.GetInt64(); break;
                    case Field.Failed: failed = ReadFailures(ref reader); break;
                    case Field.StatusCodes: codes = OutcomeJsonReader.ReadCounts(ref reader); break;
                    case Field.Errors: errors = OutcomeJsonReader.ReadCounts(ref reader); break;
                    case Field.ErrorSamples: samples = OutcomeJsonReader.ReadSamples(ref reader); break;
                    case Field.Histogram:
                        try
                        {
                            from = CompressedHistogramReader.Stage(Unescaped(ref reader), staged.Counts);
                        }
                        catch (FormatException e)
                        {
                            var when = start is { } s ? $"{s:O}" : $"#{at.Interval + 1}";
                            return new(source, $"step '{step}', interval {when}: {e.Message}");
                        }
                        break;
                    default: reader.Skip(); break;
                }
            }
            at.IntervalField = null;
            Expect(ref reader, JsonTokenType.EndObject, "the end of the interval object");
            if (start is null || (from < 0 && !digestOnly))
                throw new JsonException("an interval needs 'start' and 'histogram'.");
            if (seen is not null)
            {
                seen.Interval(start.Value.UtcTicks, json[objectStart..(at.Offset + (int)reader.BytesConsumed)]);
                if (seen.WasMerged(start.Value.UtcTicks))
                {
                    // Its histogram may have come before its start and been staged: take it back.
                    staged.Counts.Truncate(stagedBefore);
                    MergedIntervals.Skip(ref reader, json, at, seen);
                    continue;
                }
            }
            staged.Intervals.Add(new(default, start.Value.UtcTicks, failed with { Ok = ok, BytesSent = sent, BytesReceived = received, Detail = codes is null && errors is null && samples is null ? null : new(codes, errors, samples) }, from, staged.Counts.Count));
        }
        return null;
    }

    private static IntervalCounts ReadFailures(ref Utf8JsonReader reader)
    {
        var counts = default(IntervalCounts);
        if (reader.TokenType == JsonTokenType.Null)
            return counts;
        Expect(ref reader, JsonTokenType.StartObject, "an object of failure counts");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Name(ref reader);
            reader.Read();
            counts = field switch
            {
                Field.Status => counts with { Status = reader.GetInt64() },
                Field.Timeout => counts with { Timeout = reader.GetInt64() },
                Field.Connect => counts with { Connect = reader.GetInt64() },
                Field.Check => counts with { Check = reader.GetInt64() },
                Field.Other => counts with { Other = reader.GetInt64() },
                _ => Skip(ref reader, counts),
            };
        }
        Expect(ref reader, JsonTokenType.EndObject, "the end of the failure counts");
        return counts;
    }

    private static IntervalCounts Skip(ref Utf8JsonReader reader, IntervalCounts counts)
    {
        reader.Skip();
        return counts;
    }

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
            throw new JsonException($"expected {what}, found {reader.TokenType}.");
    }

    /// <summary>The string's UTF-8 bytes, unescaped (the serializer writes '+' as \u002B) into a reused buffer when needed.</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String, "the histogram as a base64 string");
        if (!reader.ValueIsEscaped)
            return reader.ValueSpan;
        var buffer = t_unescaped ??= new byte[1 << 12];
        if (buffer.Length < reader.ValueSpan.Length)
            t_unescaped = buffer = new byte[reader.ValueSpan.Length];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    private static Field Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("start"u8)) return Field.Start;
        if (reader.ValueTextEquals("ok"u8)) return Field.Ok;
        if (reader.ValueTextEquals("failed"u8)) return Field.Failed;
        if (reader.ValueTextEquals("histogram"u8)) return Field.Histogram;
        if (reader.ValueTextEquals("bytesSent"u8)) return Field.BytesSent;
        if (reader.ValueTextEquals("bytesReceived"u8)) return Field.BytesReceived;
        if (reader.ValueTextEquals("status"u8)) return Field.Status;
        if (reader.ValueTextEquals("timeout"u8)) return Field.Timeout;
        if (reader.ValueTextEquals("connect"u8)) return Field.Connect;
        if (reader.ValueTextEquals("check"u8)) return Field.Check;
        if (reader.ValueTextEquals("other"u8)) return Field.Other;
        if (reader.ValueTextEquals("total"u8)) return Field.Unknown;
        if (reader.ValueTextEquals("statusCodes"u8)) return Field.StatusCodes;
        if (reader.ValueTextEquals("errors"u8)) return Field.Errors;
        if (reader.ValueTextEquals("errorSamples"u8)) return Field.ErrorSamples;
        return reader.GetString()!.ToLowerInvariant() switch
        {
            "start" => Field.Start, "ok" => Field.Ok, "failed" => Field.Failed, "histogram" => Field.Histogram,
            "bytessent" => Field.BytesSent, "bytesreceived" => Field.BytesReceived,
            "status" => Field.Status, "timeout" => Field.Timeout, "connect" => Field.Connect, "check" => Field.Check, "other" => Field.Other,
            "statuscodes" => Field.StatusCodes, "errors" => Field.Errors, "errorsamples" => Field.ErrorSamples,
            "scenario" => Field.Scenario, "step" => Field.Step, "location" => Field.Location, "intervals" => Field.Intervals,
            _ => Field.Unknown,
        };
    }
}
