using System.Diagnostics;
using System.Globalization;
using LoadOps.Bench.Validation;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

// Usage: dotnet run -c Release --project bench/Validation [-- FILES [ROUNDS]]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var files = Enumerable.Range(0, count).Select(GeneratedDefinitions.Create).ToList();
var policy = LoadPolicy.Default with { AllowedHosts = [.. LoadPolicy.LoopbackHosts, "*.example.com"] };

// Warm-up: JIT, regex construction, Cronos and time-zone caches.
foreach (var (name, text) in files.Take(50))
    DefinitionValidator.Validate(name, text, policy);

Console.WriteLine($"{count} generated definitions, {files.Sum(f => f.Text.Length) / count} characters on average, {rounds} rounds");
var perHundred = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    var names = new HashSet<string>(StringComparer.Ordinal);
    var invalid = 0;
    var clock = Stopwatch.StartNew();
    foreach (var (name, text) in files)
    {
        var result = DefinitionValidator.Validate(name, text, policy, names);
        if (!result.IsValid) invalid++;
        if (result.Name is not null) names.Add(result.Name);
    }
    clock.Stop();
    perHundred.Add(clock.Elapsed.TotalMilliseconds * 100 / count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: {clock.Elapsed.TotalMilliseconds:0.0} ms total, {perHundred[^1]:0.00} ms per 100 files, {invalid} invalid (expected {count / 10})"));
}
perHundred.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {perHundred[perHundred.Count / 2]:0.00} ms per 100 files"));
