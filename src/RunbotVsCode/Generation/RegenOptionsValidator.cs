using Microsoft.Extensions.Options;
using RunbotVsCode.Hosting;

namespace RunbotVsCode.Generation;

/// <summary>Checks the <c>Regen</c> section at start.</summary>
public sealed class RegenOptionsValidator : IValidateOptions<RegenOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RegenOptions options)
    {
        var errors = new SettingsErrors(RegenOptions.SectionName);

        if (options.Interval < TimeSpan.FromMilliseconds(100))
        {
            errors.Invalid(nameof(options.Interval), options.Interval, "a duration of at least 100 ms such as 00:00:05");
        }

        if (options.Cron is not null && RegenSchedule.TryParseCron(options.Cron, out _) is { } problem)
        {
            errors.Invalid(nameof(options.Cron), options.Cron, $"a cron expression of five fields, or six with seconds, such as '*/10 * * * * *' ({problem})");
        }

        return errors.ToResult();
    }
}
