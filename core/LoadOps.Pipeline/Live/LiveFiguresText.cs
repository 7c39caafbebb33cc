using System.Globalization;

namespace LoadOps.Pipeline.Live;

/// <summary>One line of <see cref="LiveFigures"/> for a terminal or a log: <c>live 0:12/0:30, 340 requests, 28.3 rps, p50 2.1ms p95 5ms p99 9.9ms, 2 failed (timeout 2), 0 dropped</c>.</summary>
public static class LiveFiguresText
{
    public static string Line(LiveFigures live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var failed = live.Failed == 0 || live.ErrorsByKind.Count == 0
            ? $"{live.Failed} failed"
            : $"{live.Failed} failed ({string.Join(", ", live.ErrorsByKind.Select(e => $"{e.Key} {e.Value}"))})";
        return string.Create(CultureInfo.InvariantCulture,
            $"live {Clock(live.ElapsedSeconds)}/{Clock(live.TotalSeconds)}, {live.Requests} requests, {Number(live.Rps)} rps, p50 {Ms(live.P50Ms)} p95 {Ms(live.P95Ms)} p99 {Ms(live.P99Ms)}, {failed}, {live.Dropped} dropped");
    }

    public static string Clock(double seconds)
    {
        var whole = (long)Math.Floor(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 60}:{whole % 60:00}");
    }

    public static string Ms(double? ms) => ms is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:0.##}ms") : "-";

    public static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "-";
}
