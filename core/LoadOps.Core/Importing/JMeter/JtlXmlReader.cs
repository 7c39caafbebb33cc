using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LoadOps.Core.Importing.Results;

namespace LoadOps.Core.Importing.JMeter;

/// <summary>
/// Reads an XML JTL (<c>&lt;testResults&gt;</c> of <c>&lt;httpSample&gt;</c>/<c>&lt;sample&gt;</c>). Only top-level
/// samples count: nested ones are the sub-results (redirects, embedded resources, transaction children) of their parent.
/// </summary>
internal static class JtlXmlReader
{
    public static ImportProblem? Read(string file, string text, ImportedResultBuilder builder)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return new ImportProblem(file, "not well-formed XML: " + e.Message.Split(" Line ", 2)[0].TrimEnd('.', ' ', ','), "re-save the JTL from JMeter, or repair the XML at this spot")
            { Line = e.LineNumber, Column = e.LinePosition };
        }
        var root = document.Root!;
        if (root.Name.LocalName != "testResults")
            return new ImportProblem(file, $"the root element is <{root.Name.LocalName}>, not <testResults>", "give a JMeter results file (JTL), not a test plan (JMX)") { Line = LineOf(root) };

        foreach (var sample in root.Elements().Where(e => e.Name.LocalName is "httpSample" or "sample"))
        {
            var line = LineOf(sample);
            var ts = (string?)sample.Attribute("ts");
            var t = (string?)sample.Attribute("t");
            if (ts is null || t is null)
                return new ImportProblem(file, $"<{sample.Name.LocalName}> has no '{(ts is null ? "ts" : "t")}' attribute", "save timestamps and elapsed times (jmeter.save.saveservice.timestamp_format=ms, .time=true)") { Line = line };
            if (JMeterOutcome.Timestamp(ts) is not { } start)
                return new ImportProblem(file, $"ts '{ts}' is neither Unix milliseconds nor a date", "keep JMeter's default timestamp format (ms)") { Line = line };
            if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var elapsed))
                return new ImportProblem(file, $"t '{t}' is not a whole number of milliseconds", "fix or remove the sample") { Line = line };
            var success = !string.Equals((string?)sample.Attribute("s"), "false", StringComparison.OrdinalIgnoreCase);
            builder.Add(new ImportedSample(JMeterOutcome.Scenario((string?)sample.Attribute("tn")), (string?)sample.Attribute("lb") ?? "", start,
                elapsed * 1000, JMeterOutcome.Of(success, (string?)sample.Attribute("rc") ?? ""), Number(sample, "sby"), Number(sample, "by")));
        }
        return null;
    }

    private static int LineOf(XObject node) => ((IXmlLineInfo)node).LineNumber;

    private static long Number(XElement sample, string name) =>
        long.TryParse((string?)sample.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
