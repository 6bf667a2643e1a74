namespace RunbotVsCode.Nginx;

/// <summary>The nginx operations a pass needs: test the main config, and reload or start the master.</summary>
public interface INginxControl
{
    /// <summary>Runs <c>nginx -t</c> on the main config; returns whether it passed and what nginx printed.</summary>
    Task<NginxTestResult> TestAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns whether the pid file names a live nginx master.</summary>
    bool IsMasterRunning();

    /// <summary>Sends SIGHUP to the master, or starts nginx when none runs and starting is allowed.</summary>
    /// <exception cref="NginxException">No master runs and it cannot be started, or the signal fails.</exception>
    Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken = default);
}
