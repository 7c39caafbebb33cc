namespace LoadOps.Core.Importing.Har;

/// <summary>
/// Turns a recorded browser session (HAR 1.2) into a LoadOps definition: one step per request to the chosen host, in
/// recorded order, in one scenario. Static assets, third-party hosts and requests a step cannot repeat are dropped and
/// listed; credentials become <c>${{ secrets.NAME }}</c>; values reused from earlier JSON responses become
/// <c>extract</c> and <c>{{ var }}</c> (<see cref="HarCorrelator"/>). The load is one user for one minute, to edit.
/// </summary>
public static class HarImporter
{
    public static ImportOutcome<HarImport> Import(string file, string text, HarImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = HarReader.Read(file, text);
        if (read.Problem is not null)
            return ImportOutcome<HarImport>.Failed(read.Problem);
        var entries = read.Value!;
        var (origin, reason) = HarHostChooser.Choose(entries, options.Host);
        if (origin is null)
            return ImportOutcome<HarImport>.Failed(new ImportProblem(file, reason,
                options.Host is null ? "record a session that requests the site under test" : "give --host one of the hosts seen"));

        var secrets = new HarSecrets();
        var correlator = new HarCorrelator();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var steps = new List<StepDraft>();
        var dropped = new List<HarDropped>();
        foreach (var entry in entries)
        {
            if (HarEntryFilter.ReasonToDrop(entry, origin) is { } why)
            {
                dropped.Add(new HarDropped(entry.Index, entry.Method, entry.Url.OriginalString, why));
                continue;
            }
            var step = HarStepBuilder.Build(entry, secrets, names);
            correlator.Visit(step);
            steps.Add(step);
        }
        if (steps.Count == 0)
            return ImportOutcome<HarImport>.Failed(new ImportProblem(file, $"no request to {origin} can become a step ({dropped.Count} dropped: {string.Join("; ", dropped.Select(d => d.Reason).Distinct().Take(3))})",
                "record the API calls of the site, or pick another host with --host"));

        var notes = steps.Where(s => s.Entry.Status is >= 400 or (> 0 and < 200))
            .Select(s => $"{s.Name} was answered {s.Entry.Status} when recorded; no status check was written for it").ToList();
        notes.AddRange(steps.Where(s => s.Entry.Status is 0).Select(s => $"{s.Name} has no recorded response; no status check was written for it"));
        var yaml = HarDefinitionWriter.Write(options.Name, file, origin, steps, secrets.Names);
        return ImportOutcome<HarImport>.Ok(new HarImport(yaml, origin, reason, steps.Count)
        {
            Dropped = dropped,
            Secrets = secrets.Names,
            Extracted = correlator.Extracted(),
            Notes = notes,
        });
    }

    /// <summary>A definition name ([a-z0-9-], 1..63) from a file name: <c>Checkout Flow.har</c> becomes <c>checkout-flow</c>.</summary>
    public static string NameFrom(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        var name = string.Join('-', new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Split('-', StringSplitOptions.RemoveEmptyEntries));
        name = name.Length > 63 ? name[..63].TrimEnd('-') : name;
        return name.Length == 0 ? "recorded" : name;
    }
}
