using System.Text;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

/// <summary>
/// Property: whatever the input, the validator returns (no exception, no hang) either a valid definition or located
/// errors. Each case runs under a generous time guard that only detects hangs; it does not measure speed.
/// </summary>
public sealed class ValidatorFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_251_123;
    private const int Cases = 2_000;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    [Fact]
    public void Random_mutations_of_the_examples_give_a_definition_or_located_errors()
    {
        var examples = RepositoryFiles.Examples().Select(File.ReadAllText).ToList();
        var random = new Random(Seed);
        var mutator = new DefinitionMutator(random);
        var invalid = 0;
        for (var i = 0; i < Cases; i++)
        {
            var text = mutator.Mutate(examples[random.Next(examples.Count)]);
            if (!Check($"seed {Seed}, case {i}", text).IsValid)
                invalid++;
        }
        output.WriteLine($"seed {Seed}: {Cases} cases, {invalid} invalid");
        Assert.InRange(invalid, Cases / 2, Cases);
    }

    public static TheoryData<string> Extremes() => ["deep-flow", "deep-block", "ten-megabytes", "long-line", "many-keys", "many-steps", "huge-numbers"];

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Extreme_inputs_give_located_errors(string kind)
    {
        var example = RepositoryFiles.Read("examples/loadtests/checkout.loadtest.yaml");
        var text = kind switch
        {
            "deep-flow" => example + "extra: " + new string('[', 100_000) + new string(']', 100_000) + "\n",
            "deep-block" => example + string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i * 2) + "k:\n")),
            "ten-megabytes" => example + "# " + new string('x', 10 * 1024 * 1024) + "\n",
            "long-line" => example.Replace("name: checkout", "name: " + new string('a', 900_000), StringComparison.Ordinal),
            "many-keys" => example + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"k{i}: {i}\n")),
            "many-steps" => example + "runners: [" + string.Join(",", Enumerable.Range(0, 60_000).Select(_ => "{location: local}")) + "]\n",
            _ => example.Replace("rate: 100", "rate: " + new string('9', 5_000), StringComparison.Ordinal),
        };
        var result = Check(kind, text);
        Assert.False(result.IsValid);
        output.WriteLine(string.Join("\n", result.Errors.Take(3)));
    }

    private static DefinitionValidation Check(string label, string text)
    {
        var task = Task.Run(() => DefinitionValidator.Validate("fuzz.loadtest.yaml", text, LoadPolicy.Default));
        try
        {
            if (!task.Wait(HangGuard, TestContext.Current.CancellationToken))
                Assert.Fail($"{label}: no result within {HangGuard.TotalSeconds}s (a hang). Input starts: {Preview(text)}");
        }
        catch (AggregateException exception)
        {
            Assert.Fail($"{label}: threw {exception.InnerException}\nInput starts: {Preview(text)}");
        }

        var result = task.Result;
        Assert.True(result.IsValid || result.Errors.Any(e => e.Severity == Severity.Error), $"{label}: invalid without an error");
        Assert.Equal(result.IsValid, !result.Errors.Any(e => e.Severity == Severity.Error));
        foreach (var error in result.Errors)
        {
            Assert.True(error.Line >= 1 && error.Column >= 1, $"{label}: unlocated {error}");
            Assert.Matches("^LO[0-9]{3}$", error.Code);
            Assert.False(string.IsNullOrWhiteSpace(error.Message), label);
        }
        return result;
    }

    private static string Preview(string text) => text.Length <= 300 ? text : text[..300] + $"... ({Encoding.UTF8.GetByteCount(text)} bytes)";
}
