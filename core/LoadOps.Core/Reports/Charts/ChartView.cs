namespace LoadOps.Core.Reports.Charts;

/// <summary>
/// Ready-to-draw geometry of one SVG chart, in the chart's own coordinates (viewBox 0 0 Width Height).
/// Templates only place these values; all the arithmetic happens in <see cref="SvgChart"/>.
/// </summary>
internal sealed record ChartView(string Title, double Width, double Height, ChartArea Plot)
{
    public IReadOnlyList<ChartTick> BottomTicks { get; init; } = [];
    public IReadOnlyList<ChartTick> LeftTicks { get; init; } = [];
    public IReadOnlyList<ChartPath> Paths { get; init; } = [];
    public IReadOnlyList<ChartBar> Bars { get; init; } = [];
    public IReadOnlyList<ChartRect> Rects { get; init; } = [];
    public IReadOnlyList<ChartDot> Dots { get; init; } = [];
    public IReadOnlyList<ChartLegend> Legend { get; init; } = [];

    /// <summary>Shown instead of the plot when there is nothing to draw.</summary>
    public string? EmptyText { get; init; }

    public bool HasData => EmptyText is null;
}

/// <summary>The plotting rectangle inside a chart.</summary>
internal sealed record ChartArea(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
}

/// <summary>An axis tick: its x (for the x axis) or y (for the y axis), and its label.</summary>
internal sealed record ChartTick(double Position, string Label);

/// <summary>An SVG path; filled paths are areas, the others lines.</summary>
internal sealed record ChartPath(string Name, string Color, string D, bool Filled);

/// <summary>A horizontal bar with its category label (left of the plot) and value label (after the bar).</summary>
internal sealed record ChartBar(double X, double Y, double Width, double Height, string Color, string Label, string Value)
{
    public double LabelX => X - 8;
    public double TextY => Math.Round(Y + (Height / 2) + 4, 1);
    public double ValueX => Math.Round(X + Width + 6, 1);
}

/// <summary>A plain filled rectangle with a tooltip (a segment of a stacked column).</summary>
internal sealed record ChartRect(double X, double Y, double Width, double Height, string Color, string Title);

/// <summary>A marked data point with a tooltip.</summary>
internal sealed record ChartDot(double X, double Y, string Color, string Title, bool Highlight);

/// <summary>A legend entry at a computed x position in the top margin.</summary>
internal sealed record ChartLegend(string Name, string Color, double X)
{
    public double TextX => X + 18;
}
