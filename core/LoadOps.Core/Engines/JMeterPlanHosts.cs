using System.Xml;
using System.Xml.Linq;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Engines;

/// <summary>
/// The hosts a JMeter plan names literally (HTTP samplers and defaults: <c>HTTPSampler.domain</c>, or an absolute URL as
/// <c>HTTPSampler.path</c>), checked against the policy's <c>allowedHosts</c> as <c>target.baseUrl</c> is. A host read
/// from a property or variable (<c>${__P(host)}</c>, <c>${server}</c>) is not known before the run and is not checked.
/// </summary>
internal static class JMeterPlanHosts
{
    public sealed record Refusal(int Line, int Column, string Message);

    public static IReadOnlyList<Refusal> Refused(XDocument plan, LoadPolicy policy)
    {
        var refused = new List<Refusal>();
        foreach (var property in plan.Descendants("stringProp"))
        {
            var name = (string?)property.Attribute("name");
            var value = property.Value.Trim();
            if (value.Length == 0 || value.Contains("${", StringComparison.Ordinal))
                continue;
            var host = name switch
            {
                "HTTPSampler.domain" => value,
                "HTTPSampler.path" when Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => url.Host,
                _ => null,
            };
            if (host is null || policy.AllowsHost(host))
                continue;
            var info = (IXmlLineInfo)property;
            var element = (string?)property.Parent?.Attribute("testname") ?? property.Parent?.Name.LocalName ?? "the plan";
            refused.Add(new Refusal(Math.Max(1, info.LineNumber), Math.Max(1, info.LinePosition),
                $"'{element}' sends to host '{host}', which is not in the policy's allowedHosts ({string.Join(", ", policy.AllowedHosts)}); " +
                "read the host from the target with ${__P(host,127.0.0.1)} (LoadOps passes target.baseUrl), or add the host to .loadops/policy.yaml"));
        }
        return refused;
    }
}
