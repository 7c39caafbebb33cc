using LoadOps.Core.Definitions;
using LoadOps.Core.Templates;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>notify:</c>: <c>slack: { webhookSecret: NAME, on: [fail, regression] }</c>.</summary>
internal sealed class NotifyReader(FieldReader reader)
{
    private static readonly string[] Keys = ["slack"];
    private static readonly string[] SlackKeys = ["webhookSecret", "on"];
    private static readonly NotifyEvent[] DefaultEvents = [NotifyEvent.Fail, NotifyEvent.Regression];

    private ErrorCollector Errors => reader.Errors;

    public NotifySpec? Read(MappingFields root)
    {
        if (root["notify"] is not { } node || reader.Mapping(node, "notify", "notify", Keys) is not { } fields)
            return null;
        if (fields["slack"] is not { } slackNode || reader.Mapping(slackNode, "notify.slack", "notify.slack", SlackKeys) is not { } slack)
            return new NotifySpec(null);
        var secret = ReadSecretName(slack);
        IReadOnlyList<NotifyEvent>? events = slack["on"] is { } on ? ReadEvents(on) : DefaultEvents;
        return secret is null || events is null ? null : new NotifySpec(new SlackNotifySpec(secret, events));
    }

    private string? ReadSecretName(MappingFields slack)
    {
        if (reader.Require(slack, "webhookSecret", "webhookSecret: SLACK_WEBHOOK") is not { } node ||
            reader.Text(node, "notify.slack.webhookSecret") is not { } text)
            return null;
        if (TemplateParser.IsSecretName(text))
            return text;
        Errors.Error(node.At, ValidationCodes.WebhookNotSecretName,
            text.Contains("://", StringComparison.Ordinal)
                ? "notify.slack.webhookSecret holds a URL; a webhook URL is a secret: store it as a repository secret and write its NAME here, e.g. SLACK_WEBHOOK_PERF"
                : "notify.slack.webhookSecret must be the NAME of a secret (A-Z, 0-9, _), e.g. SLACK_WEBHOOK_PERF, not ${{ ... }} or the URL");
        return null;
    }

    private List<NotifyEvent>? ReadEvents(Parsing.SourceNode node)
    {
        if (reader.List(node, "notify.slack.on", "[fail, regression]") is not { } items)
            return null;
        var names = Enum.GetNames<NotifyEvent>().Select(n => n.ToLowerInvariant()).ToList();
        var events = new List<NotifyEvent>();
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Text(items[i], $"notify.slack.on[{i}]") is not { } name)
                return null;
            if (names.Contains(name, StringComparer.Ordinal))
            {
                events.Add(Enum.Parse<NotifyEvent>(name, ignoreCase: true));
                continue;
            }
            var nearest = NearestName.Find(name, names);
            Errors.Error(items[i].At, ValidationCodes.UnknownValue, $"notify.slack.on[{i}]: '{name}' is not an event; " +
                (nearest is not null ? $"did you mean '{nearest}'? " : "") + $"use {string.Join(", ", names)}");
            return null;
        }
        return events;
    }
}
