using System.Runtime.CompilerServices;
using JobRec.Actors.Runtime;

namespace JobRec.Actors.Tests;

public sealed class ResponseTimeoutWheelTests
{
    private sealed class ProbeCall(TimeSpan timeout) : PendingResponse(timeout)
    {
        public byte[] Payload { get; } = new byte[1 << 20]; // stands for a call's arguments and result

        public override void OnTimeout() => TrySetException(new TimeoutException("probe timed out"));
    }

    [Fact]
    public void A_completed_call_is_not_kept_alive_until_its_deadline()
    {
        using var wheel = new ResponseTimeoutWheel(TimeSpan.FromMilliseconds(10));
        var (call, registration) = RegisterAndComplete(wheel);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Null(registration.Target);
        Assert.False(call.IsAlive, "the wheel still holds a call that completed ten minutes before its deadline");
    }

    [Fact]
    public async Task A_pending_call_fails_at_its_deadline()
    {
        using var wheel = new ResponseTimeoutWheel(TimeSpan.FromMilliseconds(10));
        var call = new ProbeCall(TimeSpan.FromMilliseconds(50));
        call.Registration = wheel.Register(call);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("probe timed out", error.Message);
    }

    [Fact]
    public async Task A_call_completed_before_its_registration_arrives_releases_it_at_once()
    {
        using var wheel = new ResponseTimeoutWheel(TimeSpan.FromMilliseconds(10));
        var call = new ProbeCall(TimeSpan.FromMinutes(10));
        var registration = wheel.Register(call);
        Assert.Same(call, registration.Target);

        call.TrySetResult("done");
        call.Registration = registration;

        Assert.Null(registration.Target);
        Assert.Equal("done", await call.Task);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Call, TimeoutRegistration Registration) RegisterAndComplete(ResponseTimeoutWheel wheel)
    {
        var call = new ProbeCall(TimeSpan.FromMinutes(10));
        var registration = wheel.Register(call);
        call.Registration = registration;
        call.TrySetResult(call.Payload.Length);
        return (new WeakReference(call), registration);
    }
}
