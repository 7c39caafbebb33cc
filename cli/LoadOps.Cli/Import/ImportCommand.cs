using System.CommandLine;
using LoadOps.Core.Importing.Gatling;
using LoadOps.Core.Importing.JMeter;
using LoadOps.Core.Importing.K6;
using LoadOps.Core.Importing.Locust;

namespace LoadOps.Cli.Import;

/// <summary><c>loadops import har|jmeter|k6|gatling|locust FILE</c>: bring a recording or another tool's results into LoadOps.</summary>
internal static class ImportCommand
{
    public static Command Create() =>
        new("import", "Make a definition from a browser recording (HAR), or result files from JMeter, k6, Gatling or Locust.")
        {
            HarImportCommand.Create(),
            ResultImportCommand.Create(JtlImporter.Tool, "results.jtl", "a JMeter results file (JTL), CSV or XML", JtlImporter.Import),
            ResultImportCommand.Create(K6JsonImporter.Tool, "out.json", "k6's --out json output (one JSON object per line)", K6JsonImporter.Import),
            ResultImportCommand.Create(GatlingLogImporter.Tool, "simulation.log", "a Gatling simulation.log (text, Gatling up to 3.11)", GatlingLogImporter.Import),
            ResultImportCommand.Create(LocustHistoryImporter.Tool, "stats_history.csv", "Locust's --csv stats history (approximate: Locust keeps percentiles, not samples)", LocustHistoryImporter.Import),
        };
}
