namespace LoadOps.Core.Cost;

/// <summary>The estimate of one location: its runners, their minutes and their price (null: no price configured).</summary>
public sealed record CostLine(string Location, int Runners, double RunnerMinutes, decimal? PricePerRunnerMinute, decimal Cost);
