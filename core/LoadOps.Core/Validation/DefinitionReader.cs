using System.Text.RegularExpressions;
using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Validation;

/// <summary>Maps a definition's YAML tree to a <see cref="LoadTestDefinition"/>, reporting every problem on the way.</summary>
internal sealed partial class DefinitionReader(FieldReader reader, LoadPolicy policy, IReadOnlyCollection<string> otherNames)
{
    private static readonly string[] Keys =
        ["version", "name", "description", "target", "load", "scenarios", "runners", "thresholds", "baseline", "schedule", "notify", "data",
         "setup", "teardown", "engine", "script"];

    [GeneratedRegex("^[a-z0-9-]{1,63}$")]
    private static partial Regex NameShape();

    private ErrorCollector Errors => reader.Errors;

    /// <summary>The name read from the file, even when the rest is invalid.</summary>
    public string? Name { get; private set; }

    /// <summary>The data sets declared and the columns the templates read from them.</summary>
    public DataScope Data { get; private set; } = DataScope.None;

    public LoadTestDefinition? Read(SourceNode root)
    {
        if (root is not SourceMapping)
        {
            reader.WrongType(root, "the file", "a mapping that starts with 'version: 1'");
            return null;
        }
        var fields = reader.Mapping(root, "", "the test", Keys)!;
        ReadVersion(fields);
        var name = Name = ReadName(fields);
        var description = fields["description"] is { } d ? reader.Text(d, "description") : null;
        var target = new TargetReader(reader, policy).Read(fields);
        var load = new LoadReader(reader).Read(fields);
        var engineReader = new EngineReader(reader);
        var engine = engineReader.Read(fields);
        if (load is not null)
            engineReader.CheckLoad(fields, load);
        // Another engine runs its own plan: the keys only our engine reads were refused by the engine reader.
        var other = engineReader.OtherEngine;
        var data = other ? [] : new DataReader(reader).Read(fields);
        Data = new DataScope((data ?? []).Select(d => d.Name).ToList());
        var lifecycle = new LifecycleReader(reader);
        var setup = other ? [] : lifecycle.ReadSetup(fields);
        var scenarioReader = new ScenarioReader(reader, Data, lifecycle.SetupVariables);
        var scenarios = other ? [] : scenarioReader.Read(fields);
        var teardown = other ? [] : lifecycle.ReadTeardown(fields);
        var runners = new RunnerReader(reader).Read(fields);
        // A JMeter plan's samplers are its steps, known only from its results: step thresholds name them freely.
        var thresholds = new ThresholdReader(reader, scenarioReader.StepNames.ToList(), other || fields["scenarios"] is null).Read(fields);
        var baseline = new BaselineReader(reader).Read(fields);
        var schedule = new ScheduleReader(reader).Read(fields);
        var notify = new NotifyReader(reader).Read(fields);
        if (load is not null && runners is not null)
            new PolicyLimits(Errors, policy).Check(fields, load, runners);

        if (name is null || target is null || load is null || scenarios is null || runners is null ||
            thresholds is null || schedule is null || data is null || setup is null || teardown is null || Errors.HasErrors)
            return null;
        return new LoadTestDefinition
        {
            Name = name,
            Description = description,
            Target = target,
            Load = load,
            Scenarios = scenarios,
            Runners = runners,
            Thresholds = thresholds,
            Baseline = baseline,
            Schedule = schedule,
            Notify = notify,
            Data = data,
            Setup = setup,
            Teardown = teardown,
            Engine = engine,
        };
    }

    private void ReadVersion(MappingFields fields)
    {
        var node = fields["version"];
        if (node is null)
        {
            Errors.Error(fields.At, ValidationCodes.UnsupportedVersion, "version is missing; add 'version: 1' as the first line");
            return;
        }
        if (node is SourceScalar { IsPlain: true } scalar && scalar.Value == "1")
            return;
        if (node is SourceScalar { IsPlain: true } number && ScalarType.Of(number) == ScalarKind.Integer)
            Errors.Error(node.At, ValidationCodes.UnsupportedVersion,
                $"version {number.Value} is not supported; this LoadOps reads version {LoadTestDefinition.CurrentVersion}: write 'version: 1'");
        else
            reader.WrongType(node, "version", "the number 1 (unquoted)");
    }

    private string? ReadName(MappingFields fields)
    {
        if (reader.Require(fields, "name", "name: checkout") is not { } node || reader.Text(node, "name") is not { } name)
            return null;
        if (!NameShape().IsMatch(name))
        {
            Errors.Error(node.At, ValidationCodes.InvalidName,
                $"name '{(name.Length > 70 ? name[..67] + "..." : name)}' must be 1 to 63 characters of a-z, 0-9 and '-', e.g. 'checkout-peak'");
            return null;
        }
        if (otherNames.Contains(name, StringComparer.Ordinal))
        {
            Errors.Error(node.At, ValidationCodes.DuplicateTestName,
                $"another definition is already named '{name}'; test names must be unique in the repository, rename one");
            return null;
        }
        return name;
    }
}
