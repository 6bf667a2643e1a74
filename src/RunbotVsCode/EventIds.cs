namespace RunbotVsCode;

/// <summary>
/// Log event ids, in ranges per area: 1xxx runbot read model, 2xxx generation and nginx, 3xxx auth,
/// 4xxx containers, 5xxx layers, 6xxx hosting.
/// </summary>
public static class EventIds
{
    /// <summary>A snapshot of runbot's database was read.</summary>
    public const int SnapshotRead = 1001;

    /// <summary>The code-server layer's external id is not found.</summary>
    public const int LayerNotInstalled = 1002;

    /// <summary>A reference cycle was found among the Docker layers.</summary>
    public const int ReferenceCycle = 1003;

    /// <summary>A build was left out of the nginx config.</summary>
    public const int BuildSkipped = 2001;

    /// <summary>A pass applied a changed config and reloaded nginx.</summary>
    public const int ConfigApplied = 2002;

    /// <summary>A pass found nothing to change.</summary>
    public const int ConfigUnchanged = 2003;

    /// <summary>nginx rejected a candidate config; the previous one was put back.</summary>
    public const int ConfigRejected = 2004;

    /// <summary>A pass failed before it could apply anything.</summary>
    public const int PassFailed = 2005;

    /// <summary>nginx was not running and was started.</summary>
    public const int NginxStarted = 2006;

    /// <summary>nginx was sent SIGHUP.</summary>
    public const int NginxReloaded = 2007;

    /// <summary>A pass waited for another pass holding the lock.</summary>
    public const int LockWaited = 2008;

    /// <summary>A pass started.</summary>
    public const int PassStarted = 2009;

    /// <summary>A config passed nginx -t but nginx could not be reloaded.</summary>
    public const int ReloadFailed = 2010;

    /// <summary>A pass finished; the entry carries its outcome and counts.</summary>
    public const int PassFinished = 2011;

    /// <summary>nginx -t failed on the periodic recheck of an unchanged config.</summary>
    public const int RecheckFailed = 2012;

    /// <summary>database.secret could not be read again; the known secret stays in use.</summary>
    public const int SecretRefreshFailed = 3020;

    /// <summary>An access decision of auth_check, the exchange or the open route.</summary>
    public const int AccessDecided = 3021;

    /// <summary>Access could not be decided because the database or the key material is unavailable.</summary>
    public const int AccessUnavailable = 3022;

    /// <summary>Runbot's Odoo could not be asked who the user is.</summary>
    public const int OdooUnreachable = 3023;

    /// <summary>Docker could not be listed during a pass; routes follow the database alone.</summary>
    public const int DockerUnavailableForRoutes = 4200;

    /// <summary>The service started serving.</summary>
    public const int ServiceStarted = 6001;

    /// <summary>The regeneration worker is waiting for its next pass.</summary>
    public const int NextPassScheduled = 6002;

    /// <summary>A readiness check that passed, or had not run, failed.</summary>
    public const int ReadinessCheckFailed = 6003;

    /// <summary>A readiness check that failed passes again.</summary>
    public const int ReadinessCheckPassed = 6004;
}
