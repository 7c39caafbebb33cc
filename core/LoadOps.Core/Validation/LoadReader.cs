using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>load:</c>: the model, its stages (rate for open, users for closed) and maxInFlight.</summary>
internal sealed class LoadReader(FieldReader reader)
{
    private static readonly string[] Keys = ["model", "stages", "maxInFlight"];
    private static readonly string[] StageKeys = ["duration", "rate", "users"];
    private static readonly string[] Models = ["open", "closed"];

    public static readonly TimeSpan MaxStageDuration = TimeSpan.FromHours(24);
    public const double MaxTarget = 1_000_000;
    public const int MaxInFlightLimit = 100_000;

    private ErrorCollector Errors => reader.Errors;

    public LoadSpec? Read(MappingFields root)
    {
        if (reader.Require(root, "load", "load: { model: open, stages: [{ duration: 1m, rate: 10 }] }") is not { } node ||
            reader.Mapping(node, "load", "load", Keys) is not { } fields)
            return null;
        var model = ReadModel(fields);
        var stages = ReadStages(fields, model);
        int? maxInFlight = 2000;
        if (fields["maxInFlight"] is { } m)
        {
            maxInFlight = (int?)reader.WholeNumber(m, "load.maxInFlight", 1, MaxInFlightLimit, ValidationCodes.MaxInFlightOutOfRange);
            if (model == LoadModel.Closed)
                Errors.Warning(fields.KeyAt("maxInFlight"), ValidationCodes.IgnoredField,
                    "load.maxInFlight only applies to the open model; closed-model users never have more than one request in flight. Remove it");
        }
        if (model is null || stages is null || maxInFlight is null)
            return null;
        return new LoadSpec { Model = model.Value, Stages = stages, MaxInFlight = maxInFlight.Value };
    }

    private LoadModel? ReadModel(MappingFields fields)
    {
        if (reader.Require(fields, "model", "model: open") is not { } node || reader.Text(node, "load.model") is not { } text)
            return null;
        if (text == "open") return LoadModel.Open;
        if (text == "closed") return LoadModel.Closed;
        var nearest = NearestName.Find(text, Models);
        Errors.Error(node.At, ValidationCodes.UnknownValue, $"load.model '{text}' is not a load model; " +
            (nearest is not null ? $"did you mean '{nearest}'? " : "") + "use 'open' (arrival rate) or 'closed' (concurrent users)");
        return null;
    }

    private List<StageSpec>? ReadStages(MappingFields fields, LoadModel? model)
    {
        if (reader.Require(fields, "stages", "stages: [{ duration: 1m, rate: 10 }]") is not { } node ||
            reader.List(node, "load.stages", "[{ duration: 1m, rate: 10 }]") is not { } items)
            return null;
        if (items.Count == 0)
        {
            Errors.Error(node.At, ValidationCodes.NoStages, "load.stages is empty; add at least one stage, e.g. - { duration: 1m, rate: 10 }");
            return null;
        }
        var stages = new List<StageSpec>();
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var stage = ReadStage(items[i], $"load.stages[{i}]", model);
            if (stage is null) complete = false;
            else stages.Add(stage);
        }
        if (complete && stages.All(s => s.Target == 0))
        {
            Errors.Error(node.At, ValidationCodes.NoLoad, "every stage has a target of 0, so the test sends nothing; raise the rate or users of a stage");
            return null;
        }
        return complete ? stages : null;
    }

    private StageSpec? ReadStage(SourceNode item, string path, LoadModel? model)
    {
        if (reader.Mapping(item, path, "a stage", StageKeys) is not { } fields)
            return null;
        var duration = reader.Require(fields, "duration", "duration: 1m") is { } d
            ? reader.Duration(d, $"{path}.duration", TimeSpan.FromMilliseconds(1), MaxStageDuration)
            : null;
        var (wanted, other) = model == LoadModel.Closed ? ("users", "rate") : ("rate", "users");
        if (model is not null && fields.Has(other))
        {
            Errors.Error(fields.KeyAt(other), ValidationCodes.StageFieldOfOtherModel, model == LoadModel.Closed
                ? $"{path}: the closed model counts users, not a rate; write 'users: N' instead of 'rate'"
                : $"{path}: the open model sets an arrival rate, not users; write 'rate: N' (requests/s) instead of 'users', or use 'model: closed'");
            return null;
        }
        if (model is null)
            wanted = fields.Has("users") ? "users" : "rate";
        double? target = null;
        if (reader.Require(fields, wanted, $"{wanted}: 10") is { } t)
        {
            target = wanted == "users"
                ? reader.WholeNumber(t, $"{path}.users", 0, (long)MaxTarget, ValidationCodes.NumberOutOfRange)
                : reader.Number(t, $"{path}.rate", 0, MaxTarget, ValidationCodes.NumberOutOfRange);
        }
        return duration is null || target is null ? null : new StageSpec(duration.Value, target.Value) { At = item.At };
    }
}
