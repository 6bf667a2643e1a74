namespace RunbotVsCode.Faults.Tests;

/// <summary>A small tmpfs mounted over a folder, which a test can fill up or remount read-only, and unmounts on dispose.</summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string folder)
    {
        Folder = folder;
    }

    /// <summary>Gets the folder the tmpfs is mounted on.</summary>
    public string Folder { get; }

    /// <summary>
    /// Mounts a tmpfs of <paramref name="sizeKilobytes"/> KiB on <paramref name="folder"/> with mode 0755. The test is
    /// ignored, or failed under CI, when the sandbox refuses <c>mount</c>.
    /// </summary>
    public static async Task<TmpfsMount> MountAsync(string folder, int sizeKilobytes)
    {
        var (exitCode, output) = await FaultHarness.RunAsync("mount", "-t", "tmpfs", "-o", $"size={sizeKilobytes}k,mode=0755", "tmpfs", folder);
        if (exitCode != 0)
        {
            Infrastructure.TestServices.Unavailable("mount", $"mounting a tmpfs on {folder} failed with {exitCode}: {output}");
        }

        return new TmpfsMount(folder);
    }

    /// <summary>Remounts the tmpfs read-only, or read-write again.</summary>
    public async Task RemountAsync(bool readOnly)
    {
        var (exitCode, output) = await FaultHarness.RunAsync("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Folder);
        Assert.That(exitCode, Is.Zero, output);
        var line = File.ReadLines("/proc/mounts").LastOrDefault(entry => entry.Split(' ')[1] == Folder);
        Assert.That(line?.Split(' ')[3].Split(',')[0], Is.EqualTo(readOnly ? "ro" : "rw"), $"mount options of {Folder}: {line}");
    }

    /// <summary>Writes zeros to <c>filler</c> until the tmpfs is full, and returns the number of bytes written.</summary>
    public long Fill()
    {
        var path = Path.Combine(Folder, "filler");
        var block = new byte[1024];
        long written = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
            while (true)
            {
                stream.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: the tmpfs is full, which is what the test wants.
        }

        return written;
    }

    /// <summary>Deletes the file written by <see cref="Fill"/>.</summary>
    public void Empty() => File.Delete(Path.Combine(Folder, "filler"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Lazy, so a process that still has a file open there cannot keep the mount behind.
        await FaultHarness.RunAsync("umount", "--lazy", Folder);
    }
}
