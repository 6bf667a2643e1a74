namespace RunbotVsCode.Nginx;

/// <summary>
/// An exclusive lock on a file beside the generated config, held by one pass at a time across processes, so a
/// cron-started <c>regen</c> and <c>serve</c> never interleave. On Linux .NET takes it with <c>flock</c>, which the
/// kernel releases when the holder exits, even on a crash.
/// </summary>
public sealed class ConfigLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    // On Linux, .NET puts the errno in HResult, and flock reports a lock held elsewhere as EWOULDBLOCK (11).
    private const int WouldBlock = 11;

    private readonly FileStream _stream;

    private ConfigLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Takes the lock at <paramref name="path"/>, waiting up to <paramref name="timeout"/> for another holder.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for the whole timeout.</exception>
    /// <exception cref="IOException">The lock file cannot be opened, for example on a read-only file system; thrown without waiting.</exception>
    public static async Task<ConfigLock> AcquireAsync(string path, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var deadline = timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * timeProvider.TimestampFrequency);
        while (true)
        {
            try
            {
                return new ConfigLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException exception) when (IsHeldElsewhere(exception) && timeProvider.GetTimestamp() < deadline)
            {
                await Task.Delay(RetryDelay, timeProvider, cancellationToken);
            }
            catch (IOException exception) when (IsHeldElsewhere(exception))
            {
                throw new TimeoutException($"Lock {path} stayed held by another pass for {timeout}; check for a stuck 'runbot-vscode regen'.", exception);
            }
        }
    }

    private static bool IsHeldElsewhere(IOException exception) =>
        exception.GetType() == typeof(IOException) && exception.HResult == WouldBlock;

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
