using Cronos;

namespace RunbotVsCode.Generation;

/// <summary>When the next pass runs: after a fixed interval, or at the next occurrence of a cron expression (UTC).</summary>
public sealed class RegenSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeSpan _interval;

    /// <summary>Initializes the schedule from checked settings.</summary>
    public RegenSchedule(RegenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        _interval = options.Interval;
        if (options.Cron is not null)
        {
            if (TryParseCron(options.Cron, out _cron) is { } problem)
            {
                throw new ArgumentException($"Regen:Cron is invalid: {problem}", nameof(options));
            }
        }
    }

    /// <summary>Returns how long to wait from <paramref name="now"/> until the next pass.</summary>
    public TimeSpan DelayFrom(DateTimeOffset now)
    {
        if (_cron is null)
        {
            return _interval;
        }

        var next = _cron.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc);
        return next is null ? Timeout.InfiniteTimeSpan : next.Value - now.UtcDateTime;
    }

    /// <summary>Parses a cron expression of five fields, or six with seconds; returns the problem, or null on success.</summary>
    public static string? TryParseCron(string value, out CronExpression? expression)
    {
        expression = null;
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;

        CronExpression parsed;
        try
        {
            parsed = CronExpression.Parse(value.Trim(), format);
        }
        catch (CronFormatException exception)
        {
            return exception.Message;
        }

        // A cron expression has no year, so one that matches any date matches one after 1970; without this check
        // a date that never exists, such as 30 February, would make the worker wait forever.
        if (parsed.GetNextOccurrence(DateTime.UnixEpoch, TimeZoneInfo.Utc) is null)
        {
            return "it matches no date";
        }

        expression = parsed;
        return null;
    }
}
