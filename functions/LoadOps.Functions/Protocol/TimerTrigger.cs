using System.Text.Json;

namespace LoadOps.Functions.Protocol;

/// <summary>The value of a timer trigger: when it last and next fires, and whether this firing is late.</summary>
public sealed record TimerTrigger
{
    public TimerScheduleStatus? ScheduleStatus { get; init; }
    public bool IsPastDue { get; init; }

    public static TimerTrigger Read(JsonElement value)
    {
        try
        {
            return value.ValueKind == JsonValueKind.Object
                ? value.Deserialize<TimerTrigger>(ProtocolJson.Options) ?? new TimerTrigger()
                : new TimerTrigger();
        }
        catch (JsonException)
        {
            // A timer payload only informs; the schedule function relies on its own last-fired record.
            return new TimerTrigger();
        }
    }
}

public sealed record TimerScheduleStatus(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
