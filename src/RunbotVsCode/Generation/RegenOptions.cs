namespace RunbotVsCode.Generation;

/// <summary>Settings of the <c>Regen</c> section: when <c>serve</c> regenerates the nginx config.</summary>
public sealed class RegenOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Regen";

    /// <summary>Gets or sets the time between two passes. Default 5 seconds. Ignored when <see cref="Cron"/> is set.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets a cron expression (five fields, or six with seconds) that replaces <see cref="Interval"/>.</summary>
    public string? Cron { get; set; }
}
