namespace RunbotVsCode.Containers;

/// <summary>
/// One asynchronous lock per build id, so concurrent opens of a build in this process start code-server once.
/// An entry lives only while someone holds or waits for it.
/// </summary>
internal sealed class BuildLocks
{
    private readonly Dictionary<long, Entry> _entries = [];

    /// <summary>Waits for the lock of <paramref name="buildId"/>; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(long buildId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(buildId, out entry!))
            {
                entry = new Entry();
                _entries[buildId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(buildId, entry);
            throw;
        }

        return new Releaser(this, buildId, entry);
    }

    /// <summary>Gets how many builds have a lock entry; for tests.</summary>
    internal int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private void Leave(long buildId, Entry entry)
    {
        lock (_entries)
        {
            entry.Users--;
            if (entry.Users == 0)
            {
                _entries.Remove(buildId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(BuildLocks owner, long buildId, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Leave(buildId, entry);
            }
        }
    }
}
