using Microsoft.Extensions.Logging;

namespace JobRec.Actors.Runtime;

/// <summary>A timer callback queued as a turn of its grain.</summary>
internal sealed class TimerTick : IWorkItem
{
    private readonly GrainTimer _timer;

    public TimerTick(GrainTimer timer) => _timer = timer;

    public bool CountsAsActivity => false;

    public async ValueTask ExecuteAsync(Activation activation)
    {
        try
        {
            if (!_timer.IsDisposed)
            {
                await _timer.Callback(_timer.Cancellation).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            activation.Logger.LogWarning(e, "Timer callback of grain {GrainId} failed", activation.GrainId);
        }
        finally
        {
            _timer.TickDone();
        }
    }
}
