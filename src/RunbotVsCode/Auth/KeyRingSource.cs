using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Auth;

/// <summary>
/// Keeps the key ring in step with runbot's <c>database.secret</c>: read on first use, then again once
/// <c>Auth:SecretRefreshInterval</c> has passed, so a changed secret invalidates every token within that interval.
/// Between refreshes no request reads the database.
/// </summary>
public sealed partial class KeyRingSource
{
    /// <summary>The <c>ir_config_parameter</c> key of Odoo's own HMAC secret.</summary>
    public const string SecretKey = "database.secret";

    private readonly RunbotDirectory _directory;
    private readonly AuthOptions _options;
    private readonly TicketReplayGuard _replayGuard;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<KeyRingSource> _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private AccessCodecs? _codecs;
    private long _readAt;

    /// <summary>Initializes the source.</summary>
    public KeyRingSource(RunbotDirectory directory, IOptions<AuthOptions> options, TicketReplayGuard replayGuard, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(replayGuard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        _directory = directory;
        _options = options.Value;
        _replayGuard = replayGuard;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KeyRingSource>();
    }

    /// <summary>Returns the codecs on the current key ring, reading the secret when it is due.</summary>
    /// <exception cref="AccessUnavailableException">The secret is missing or too short, or the database cannot be read on first use.</exception>
    public async Task<AccessCodecs> GetAsync(CancellationToken cancellationToken = default)
    {
        var codecs = Volatile.Read(ref _codecs);
        if (codecs is not null && _timeProvider.GetElapsedTime(Volatile.Read(ref _readAt)) < _options.SecretRefreshInterval)
        {
            return codecs;
        }

        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            codecs = _codecs;
            if (codecs is not null && _timeProvider.GetElapsedTime(_readAt) < _options.SecretRefreshInterval)
            {
                return codecs;
            }

            return await RefreshAsync(codecs, cancellationToken);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<AccessCodecs> RefreshAsync(AccessCodecs? current, CancellationToken cancellationToken)
    {
        string? secret;
        try
        {
            secret = await _directory.ReadParameterAsync(SecretKey, cancellationToken);
        }
        catch (Npgsql.NpgsqlException exception) when (current is not null)
        {
            // Keep the secret already known while the database is away; the next request tries again.
            Log.SecretRefreshFailed(_logger, exception);
            return current;
        }
        catch (Npgsql.NpgsqlException exception)
        {
            throw new AccessUnavailableException($"Runbot's database cannot be read for {SecretKey}: {exception.Message}", exception);
        }

        if (secret is null || secret.Trim().Length < KeyRing.MinSecretLength)
        {
            throw new AccessUnavailableException(
                $"ir_config_parameter '{SecretKey}' is missing or shorter than {KeyRing.MinSecretLength} characters; Odoo sets it when the database is created.");
        }

        if (current is null)
        {
            var ring = new KeyRing(secret.Trim(), _options.ExtraVerificationSecrets, _loggerFactory.CreateLogger<KeyRing>());
            current = new AccessCodecs(ring, new AccessTokenCodec(ring, _timeProvider), new TicketCodec(ring, _replayGuard, _timeProvider));
        }
        else
        {
            current.KeyRing.UpdateCurrentSecret(secret.Trim());
        }

        Volatile.Write(ref _readAt, _timeProvider.GetTimestamp());
        Volatile.Write(ref _codecs, current);
        return current;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.SecretRefreshFailed, EventName = nameof(EventIds.SecretRefreshFailed), Level = LogLevel.Warning,
            Message = "database.secret could not be read again, so the secret read before stays in use.")]
        public static partial void SecretRefreshFailed(ILogger logger, Exception exception);
    }
}
