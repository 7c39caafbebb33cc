namespace LoadOps.Functions.Tests;

internal static class Payload
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));
}
