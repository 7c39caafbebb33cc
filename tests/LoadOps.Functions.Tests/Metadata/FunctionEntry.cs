using System.Reflection;
using System.Text.Json.Nodes;

namespace LoadOps.Functions.Tests.Metadata;

/// <summary>One function of <c>functions.metadata</c>, with the method the host will call.</summary>
internal sealed record FunctionEntry(string Name, string EntryPoint, string ScriptFile, IReadOnlyList<JsonObject> Bindings)
{
    public JsonObject Trigger => Bindings.Single(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);

    public string TriggerType => (string)Trigger["type"]!;

    /// <summary>The class and method named by <see cref="EntryPoint"/>, looked up in the app's assembly.</summary>
    public (Type Type, MethodInfo Method) Resolve()
    {
        var split = EntryPoint.LastIndexOf('.');
        var type = typeof(LoadOps.Functions.Hosting.FunctionsApp).Assembly.GetType(EntryPoint[..split], throwOnError: true)!;
        return (type, type.GetMethod(EntryPoint[(split + 1)..]) ?? throw new InvalidOperationException($"{EntryPoint} has no such method."));
    }
}
