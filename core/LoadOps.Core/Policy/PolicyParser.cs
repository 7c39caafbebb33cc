using System.Text.RegularExpressions;
using LoadOps.Core.Parsing;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Policy;

/// <summary>Reads <c>.loadops/policy.yaml</c>; every problem is located like a definition error. Never throws on user input.</summary>
public static partial class PolicyParser
{
    private static readonly string[] Keys = ["maxTotalRate", "maxTotalUsers", "maxRunners", "maxDuration", "allowedHosts",
        "maxConcurrentRate", "maxConcurrentUsers", "maxConcurrentRunners", "allowInsecureTls"];

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^[0-9a-f:]+:[0-9a-f:.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex HostPattern();

    public static PolicyParseResult Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        var errors = new ErrorCollector(file);
        if (DefinitionValidator.IsTooLarge(text))
        {
            errors.Error(new(1, 1), ValidationCodes.FileTooLarge, $"the policy file is larger than {DefinitionValidator.MaxFileBytes} bytes");
            return new PolicyParseResult(LoadPolicy.Default, errors.Errors);
        }
        var root = SourceTreeReader.Read(text, errors);
        if (root is null && errors.Errors.All(e => e.Code == ValidationCodes.EmptyDocument))
            return new PolicyParseResult(LoadPolicy.Default, []);
        var reader = new FieldReader(errors);
        var fields = reader.Mapping(root, "policy", "the policy", Keys);
        if (fields is null)
            return new PolicyParseResult(LoadPolicy.Default, errors.Errors);

        var policy = LoadPolicy.Default;
        if (fields["maxTotalRate"] is { } rate && reader.Number(rate, "maxTotalRate", 0, 10_000_000, ValidationCodes.NumberOutOfRange, allowMin: false) is { } r)
            policy = policy with { MaxTotalRate = r };
        if (fields["maxTotalUsers"] is { } users && reader.WholeNumber(users, "maxTotalUsers", 1, 10_000_000, ValidationCodes.NumberOutOfRange) is { } u)
            policy = policy with { MaxTotalUsers = (int)u };
        if (fields["maxRunners"] is { } runners && reader.WholeNumber(runners, "maxRunners", 1, 10_000, ValidationCodes.NumberOutOfRange) is { } n)
            policy = policy with { MaxRunners = (int)n };
        if (fields["maxDuration"] is { } duration &&
            reader.Duration(duration, "maxDuration", TimeSpan.FromSeconds(1), Definitions.DurationText.Max) is { } d)
            policy = policy with { MaxDuration = d };
        if (fields["maxConcurrentRate"] is { } concurrentRate &&
            reader.Number(concurrentRate, "maxConcurrentRate", 0, 10_000_000, ValidationCodes.NumberOutOfRange, allowMin: false) is { } cr)
            policy = policy with { MaxConcurrentRate = cr };
        if (fields["maxConcurrentUsers"] is { } concurrentUsers &&
            reader.WholeNumber(concurrentUsers, "maxConcurrentUsers", 1, 10_000_000, ValidationCodes.NumberOutOfRange) is { } cu)
            policy = policy with { MaxConcurrentUsers = (int)cu };
        if (fields["maxConcurrentRunners"] is { } concurrentRunners &&
            reader.WholeNumber(concurrentRunners, "maxConcurrentRunners", 1, 100_000, ValidationCodes.NumberOutOfRange) is { } cn)
            policy = policy with { MaxConcurrentRunners = (int)cn };
        if (fields["allowInsecureTls"] is { } insecure && reader.Boolean(insecure, "allowInsecureTls") is { } allow)
            policy = policy with { AllowInsecureTls = allow };
        if (fields["allowedHosts"] is { } hosts && reader.List(hosts, "allowedHosts", "[localhost, \"*.example.com\"]") is { } items)
            policy = policy with { AllowedHosts = ReadHosts(items, reader) };
        return new PolicyParseResult(policy, errors.Errors);
    }

    private static List<string> ReadHosts(IReadOnlyList<SourceNode> items, FieldReader reader)
    {
        var hosts = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Text(items[i], $"allowedHosts[{i}]") is not { } host)
                continue;
            if (HostPattern().IsMatch(host) && host.Length <= 253)
                hosts.Add(host);
            else
                reader.Errors.Error(items[i].At, ValidationCodes.InvalidHostPattern,
                    $"allowedHosts[{i}]: '{host}' is not a host name or '*.suffix' pattern; write e.g. api.example.com or \"*.staging.example.com\" (no scheme, port or path)");
        }
        return hosts;
    }
}
