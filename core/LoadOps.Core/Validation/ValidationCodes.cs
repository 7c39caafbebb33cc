namespace LoadOps.Core.Validation;

/// <summary>Stable codes of <see cref="DefinitionError"/>; each is documented with an example and a fix in docs/validation-codes.md.</summary>
public static class ValidationCodes
{
    public const string FileTooLarge = "LO001";
    public const string YamlSyntax = "LO002";
    public const string TooDeep = "LO003";
    public const string UnknownKey = "LO004";
    public const string WrongType = "LO005";
    public const string MissingField = "LO006";
    public const string DuplicateKey = "LO007";
    public const string UnsupportedVersion = "LO008";
    public const string InvalidName = "LO009";
    public const string DuplicateTestName = "LO010";
    public const string InvalidBaseUrl = "LO011";
    public const string HostNotAllowed = "LO012";
    public const string InvalidDuration = "LO013";
    public const string DurationOutOfRange = "LO014";
    public const string UnknownValue = "LO015";
    public const string NoStages = "LO016";
    public const string StageFieldOfOtherModel = "LO017";
    public const string NumberOutOfRange = "LO018";
    public const string MaxInFlightOutOfRange = "LO019";
    public const string NoScenarios = "LO020";
    public const string WeightNotPositive = "LO021";
    public const string DuplicateScenario = "LO022";
    public const string NoSteps = "LO023";
    public const string DuplicateStep = "LO024";
    public const string InvalidRequest = "LO025";
    public const string UnknownMethod = "LO026";
    public const string AbsoluteUrlInStep = "LO027";
    public const string InvalidTemplate = "LO028";
    public const string UnknownVariable = "LO029";
    public const string BodyAndJson = "LO030";
    public const string InvalidJsonPath = "LO031";
    public const string InvalidRegex = "LO032";
    public const string InvalidStatus = "LO033";
    public const string InvalidVariableName = "LO034";
    public const string InvalidThreshold = "LO035";
    public const string UnknownThresholdStep = "LO036";
    public const string DuplicateThreshold = "LO037";
    public const string InvalidCron = "LO038";
    public const string UnknownTimeZone = "LO039";
    public const string InvalidRunnerLocation = "LO040";
    public const string NoRunnerCapacity = "LO041";
    public const string RateAbovePolicy = "LO042";
    public const string UsersAbovePolicy = "LO043";
    public const string RunnersAbovePolicy = "LO044";
    public const string DurationAbovePolicy = "LO045";
    public const string LiteralSecret = "LO046";
    public const string WebhookNotSecretName = "LO047";
    public const string NoLoad = "LO048";
    public const string DuplicateRunnerLocation = "LO049";
    public const string IgnoredField = "LO050";
    public const string InvalidHostPattern = "LO051";
    public const string EmptyDocument = "LO052";
    public const string AnchorsNotSupported = "LO053";
    public const string MultipleDocuments = "LO054";
    public const string InvalidHeaderName = "LO055";
    public const string UnreadableFile = "LO056";
    public const string InsecureTlsNotAllowed = "LO057";
    public const string InvalidHttpVersion = "LO058";
    public const string PercentWithoutUnit = "LO059";
    public const string DataFileNotFound = "LO070";
    public const string DataFileOutsideRepository = "LO071";
    public const string DataFileTooLarge = "LO072";
    public const string MalformedDataFile = "LO073";
    public const string UnknownDataColumn = "LO074";
    public const string EmptyDataFile = "LO075";
    public const string UnknownDataPick = "LO076";
    public const string UnknownDataSet = "LO077";
    public const string DuplicateDataSet = "LO078";
    public const string EmptyLifecycleSteps = "LO080";
    public const string DataInLifecycleStep = "LO081";
    public const string RequestAndWebSocket = "LO082";
    public const string FieldOfOtherStepKind = "LO083";
    public const string InvalidWebSocketPath = "LO084";
    public const string StatusOnWebSocketStep = "LO085";
    public const string EngineAndScriptApart = "LO086";
    public const string KeyNotReadByEngine = "LO087";
    public const string ScriptNotFound = "LO088";
    public const string NotAJMeterPlan = "LO089";

    /// <summary>Reported when a run is planned, against the host's quotas (<see cref="Planning.QuotaCheck"/>), not by validate.</summary>
    public const string RunnersAboveQuota = "LO090";

    /// <summary>Every code, in order; the documentation test checks each has a section.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(ValidationCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();
}
