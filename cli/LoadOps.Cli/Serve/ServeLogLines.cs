using Microsoft.Extensions.Logging;

namespace LoadOps.Cli.Serve;

/// <summary>
/// Puts what the shared HTTP handlers log (LoadOps categories, information and up) on serve's own timestamped log;
/// a failure shows its exception's type and message, not its stack.
/// </summary>
internal sealed class ServeLogLines(Action<string> log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Lines(log, categoryName.StartsWith("LoadOps.", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class Lines(Action<string> log, bool ours) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => ours && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = formatter(state, exception);
            log(exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})");
        }
    }
}
