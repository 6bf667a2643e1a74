namespace RunbotVsCode.Containers.Tests;

/// <summary>
/// The system clock moved forward by <see cref="Offset"/> for wall-clock reads only. Timers, delays and
/// timestamps stay real, so code-server can start while a test moves the idle clock.
/// </summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
