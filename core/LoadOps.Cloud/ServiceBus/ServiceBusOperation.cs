namespace LoadOps.Cloud.ServiceBus;

/// <summary>The REST operations on a queue; the same status means different things for them (404 on a lock is a lost lock).</summary>
public enum ServiceBusOperation
{
    Send,
    Receive,
    Complete,
    Abandon,
    RenewLock,
}
