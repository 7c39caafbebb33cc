using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Cli;

/// <summary>
/// The runner's log: one line per entry, <c>HH:mm:ss CATEGORY: message</c>, on a text writer (the console, or a test's
/// writer). Warnings and errors say so. journald and container logs add their own time and level, so nothing else is
/// written; messages never hold secret values (the agent's templates name shards and folders, never grants).
/// </summary>
internal sealed class LineLoggerProvider(TextWriter output, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(output, time, categoryName);

    /// <summary>A logger writing to <paramref name="output"/> under the short category name (e.g. <c>agent</c>).</summary>
    public static ILogger For(TextWriter output, TimeProvider time, string category) => new LineLogger(output, time, category);

    public void Dispose()
    {
        // Nothing to release: the writer belongs to the caller.
    }

    private sealed class LineLogger(TextWriter output, TimeProvider time, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var level = logLevel switch
            {
                LogLevel.Warning => "warning: ",
                >= LogLevel.Error => "error: ",
                _ => "",
            };
            var line = $"{time.GetUtcNow():HH:mm:ss} {category}: {level}{formatter(state, exception)}";
            lock (output)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
    }
}
