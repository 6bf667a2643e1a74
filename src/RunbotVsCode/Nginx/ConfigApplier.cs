using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Nginx;

/// <summary>
/// Puts a candidate config in place only when nginx accepts it. The candidate is written beside the live file under a
/// dot name no include glob matches, renamed over the live file, and tested with <c>nginx -t</c> on the main config;
/// a rejected candidate is replaced by the previous file before the call returns. The hash of what nginx accepted is
/// kept in a dot file, so an apply that failed is retried even when the live file already contains the candidate.
/// </summary>
public sealed partial class ConfigApplier
{
    private readonly NginxOptions _options;
    private readonly INginxControl _nginx;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConfigApplier> _logger;

    /// <summary>Initializes the applier for the file in <c>Nginx:ConfigPath</c>.</summary>
    public ConfigApplier(IOptions<NginxOptions> options, INginxControl nginx, TimeProvider timeProvider, ILogger<ConfigApplier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nginx);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _nginx = nginx;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private string ConfigPath => _options.ConfigPath;

    private string Folder => Path.GetDirectoryName(ConfigPath)!;

    private string AppliedHashPath => SiblingPath("applied");

    private string PreviousPath => SiblingPath("previous");

    /// <summary>Gets the path of the lock file that serializes passes across processes.</summary>
    public string LockPath => SiblingPath("lock");

    /// <summary>Returns the config nginx last accepted from this file, or null when none was applied.</summary>
    public string? ReadApplied()
    {
        var hash = ReadAppliedHash();
        var live = ReadLive();
        return hash is not null && live is not null && Hash(live) == hash ? Encoding.UTF8.GetString(live) : null;
    }

    /// <summary>
    /// Applies <paramref name="content"/>. The caller holds the lock from <see cref="LockPath"/>.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);

        var bytes = Encoding.UTF8.GetBytes(content);
        var hash = Hash(bytes);
        var appliedHash = ReadAppliedHash();
        var live = ReadLive();

        if (appliedHash == hash && live is not null && Hash(live) == hash && _nginx.IsMasterRunning())
        {
            return await RecheckAsync(hash, cancellationToken);
        }

        Directory.CreateDirectory(Folder);
        RecoverInterruptedApply(live, appliedHash);
        live = ReadLive();

        if (live is not null)
        {
            // Through a temporary file, so a full disk cannot leave a truncated copy that a later pass would restore.
            Replace(PreviousPath, live);
        }

        Replace(ConfigPath, bytes);
        NginxTestResult test;
        try
        {
            test = await _nginx.TestAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NginxException or OperationCanceledException)
        {
            // nginx -t could not run or did not finish, so the candidate is untested: put back what nginx accepted.
            RestorePrevious(live is not null);
            throw;
        }

        if (!test.Passed)
        {
            RestorePrevious(live is not null);
            Log.Rejected(_logger, ConfigPath, test.Output);
            return new ApplyResult(ApplyStatus.Rejected, test.Output, appliedHash);
        }

        try
        {
            await _nginx.ReloadAsync(cancellationToken);
        }
        catch (NginxException exception)
        {
            File.Delete(PreviousPath);
            Log.ReloadFailed(_logger, exception);
            return new ApplyResult(ApplyStatus.ReloadFailed, exception.Message, appliedHash);
        }

        Replace(AppliedHashPath, Encoding.ASCII.GetBytes(hash));
        File.Delete(PreviousPath);
        return new ApplyResult(ApplyStatus.Applied, "", hash);
    }

    /// <summary>
    /// Runs <c>nginx -t</c> on an unchanged config when the last successful test is older than
    /// <see cref="NginxOptions.RecheckInterval"/>. The applied-hash file's write time is that moment, so the one-shot
    /// <c>regen</c> command and <c>serve</c> share it.
    /// </summary>
    private async Task<ApplyResult> RecheckAsync(string hash, CancellationToken cancellationToken)
    {
        var interval = _options.RecheckInterval;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (interval <= TimeSpan.Zero || now - File.GetLastWriteTimeUtc(AppliedHashPath) < interval)
        {
            return new ApplyResult(ApplyStatus.Unchanged, "", hash);
        }

        var test = await _nginx.TestAsync(cancellationToken);
        if (!test.Passed)
        {
            Log.RecheckFailed(_logger, ConfigPath, test.Output);
            var message = $"nginx -t fails although {ConfigPath} is unchanged, so nginx keeps its loaded config but the next reload would fail. Fix what nginx names: {test.Output}";
            return new ApplyResult(ApplyStatus.Rejected, message, hash);
        }

        try
        {
            File.SetLastWriteTimeUtc(AppliedHashPath, now);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The config is fine, so the next pass only runs the test again.
        }

        return new ApplyResult(ApplyStatus.Unchanged, "", hash);
    }

    /// <summary>Takes the cross-process lock for one pass.</summary>
    public Task<ConfigLock> LockAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        return ConfigLock.AcquireAsync(LockPath, _options.LockTimeout, _timeProvider, cancellationToken);
    }

    /// <summary>
    /// Puts back the previous file left by a pass that stopped between the swap and the test, when the live file
    /// is not what nginx accepted, so a crash never leaves an untested file in place.
    /// </summary>
    private void RecoverInterruptedApply(byte[]? live, string? appliedHash)
    {
        if (!File.Exists(PreviousPath))
        {
            return;
        }

        var previous = File.ReadAllBytes(PreviousPath);
        if (live is null || Hash(live) != appliedHash)
        {
            Replace(ConfigPath, previous);
        }

        File.Delete(PreviousPath);
    }

    private void RestorePrevious(bool hadPrevious)
    {
        if (hadPrevious)
        {
            Replace(ConfigPath, File.ReadAllBytes(PreviousPath));
            File.Delete(PreviousPath);
        }
        else
        {
            File.Delete(ConfigPath);
        }
    }

    private string? ReadAppliedHash()
    {
        try
        {
            return File.ReadAllText(AppliedHashPath).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private byte[]? ReadLive()
    {
        try
        {
            return File.ReadAllBytes(ConfigPath);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary dot file in the same folder, then renames it over <paramref name="path"/>.</summary>
    private void Replace(string path, byte[] bytes)
    {
        var temporary = SiblingPath($"{Guid.NewGuid():N}.tmp");
        try
        {
            WriteDurably(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private string SiblingPath(string kind) => Path.Combine(Folder, $".{Path.GetFileName(ConfigPath)}.{kind}");

    /// <summary>Returns the SHA-256 of <paramref name="bytes"/> in lowercase hex.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
