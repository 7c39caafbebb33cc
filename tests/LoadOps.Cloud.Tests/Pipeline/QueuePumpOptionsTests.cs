using LoadOps.Cloud.Pipeline;

namespace LoadOps.Cloud.Tests.Pipeline;

public sealed class QueuePumpOptionsTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void The_retry_delay_doubles_per_failed_attempt_up_to_the_cap(long failedAttempts, int seconds)
    {
        var options = new QueuePumpOptions { RetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelayAfter(failedAttempts));
    }

    [Fact]
    public void A_zero_retry_delay_retries_at_once()
    {
        Assert.Equal(TimeSpan.Zero, new QueuePumpOptions { RetryDelay = TimeSpan.Zero }.RetryDelayAfter(3));
    }
}
