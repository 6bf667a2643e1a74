using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RunbotVsCode.TestSupport;

namespace RunbotVsCode.Nginx.Tests;

public class ConfigApplierTests
{
    private const string ConfigName = "runbot-vscode.conf";
    private const string AppliedName = ".runbot-vscode.conf.applied";
    private const string PreviousName = ".runbot-vscode.conf.previous";
    private const string ContentA = "# build 1\nserver { listen 8080; }\n";
    private const string ContentB = "# build 2\nserver { listen 8080; }\n";
    private const string ContentC = "# build 3\nserver { listen 8080; }\n";

    private static readonly DateTime OldWriteTime = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private TempFolder _folder = null!;
    private Mock<INginxControl> _nginx = null!;
    private ConfigApplier _applier = null!;
    private List<string> _calls = null!;

    private string ConfigPath => _folder.Combine(ConfigName);

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _calls = [];
        _nginx = new Mock<INginxControl>();
        _nginx.Setup(nginx => nginx.IsMasterRunning()).Returns(true);
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("test"))
            .ReturnsAsync(new NginxTestResult(true, ""));
        _nginx.Setup(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("reload"))
            .ReturnsAsync(ReloadOutcome.Signaled);

        var options = Options.Create(new NginxOptions { ConfigPath = ConfigPath });
        _applier = new ConfigApplier(options, _nginx.Object, TimeProvider.System, NullLogger<ConfigApplier>.Instance);
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private void RejectNextTests(string output) =>
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("test"))
            .ReturnsAsync(new NginxTestResult(false, output));

    private string AppliedHashOnDisk() => File.ReadAllText(_folder.Combine(AppliedName));

    [Test]
    public async Task ApplyAsync_FirstApply_ReturnsApplied()
    {
        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Applied));
        Assert.That(result.Hash, Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_FirstApply_WritesFile()
    {
        await _applier.ApplyAsync(ContentA);

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
    }

    [Test]
    public async Task ApplyAsync_FirstApply_WritesAppliedHash()
    {
        await _applier.ApplyAsync(ContentA);

        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_FirstApply_TestsThenReloads()
    {
        await _applier.ApplyAsync(ContentA);

        Assert.That(_calls, Is.EqualTo(new[] { "test", "reload" }));
    }

    [Test]
    public async Task ApplyAsync_FirstApply_LeavesOnlyFileAndHash()
    {
        await _applier.ApplyAsync(ContentA);

        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { AppliedName, ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_MissingFolder_CreatesIt()
    {
        var nested = _folder.Combine("nginx/vscode/" + ConfigName);
        var applier = new ConfigApplier(Options.Create(new NginxOptions { ConfigPath = nested }), _nginx.Object, TimeProvider.System, NullLogger<ConfigApplier>.Instance);

        await applier.ApplyAsync(ContentA);

        Assert.That(File.ReadAllText(nested), Is.EqualTo(ContentA));
    }

    [Test]
    public async Task ApplyAsync_DuringTest_LiveFileHoldsCandidate()
    {
        await _applier.ApplyAsync(ContentA);
        string? liveDuringTest = null;
        List<string>? confFilesDuringTest = null;
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                liveDuringTest = File.ReadAllText(ConfigPath);
                confFilesDuringTest = [.. _folder.FileNames().Where(name => name.EndsWith(".conf", StringComparison.Ordinal))];
            })
            .ReturnsAsync(new NginxTestResult(true, ""));

        await _applier.ApplyAsync(ContentB);

        Assert.That(liveDuringTest, Is.EqualTo(ContentB));
        Assert.That(confFilesDuringTest, Is.EqualTo(new[] { ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_SameContentMasterRunning_ReturnsUnchanged()
    {
        await _applier.ApplyAsync(ContentA);

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Unchanged));
        Assert.That(result.Hash, Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_SameContentMasterRunning_NeitherTestsNorReloads()
    {
        await _applier.ApplyAsync(ContentA);
        _calls.Clear();

        await _applier.ApplyAsync(ContentA);

        Assert.That(_calls, Is.Empty);
    }

    [Test]
    public async Task ApplyAsync_SameContentMasterRunning_FileNotRewritten()
    {
        await _applier.ApplyAsync(ContentA);
        File.SetLastWriteTimeUtc(ConfigPath, OldWriteTime);

        await _applier.ApplyAsync(ContentA);

        Assert.That(File.GetLastWriteTimeUtc(ConfigPath), Is.EqualTo(OldWriteTime));
    }

    [Test]
    public async Task ApplyAsync_RecheckDue_TestsWithoutReload()
    {
        await _applier.ApplyAsync(ContentA);
        File.SetLastWriteTimeUtc(_folder.Combine(AppliedName), OldWriteTime);
        _calls.Clear();

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Unchanged));
        Assert.That(_calls, Is.EqualTo(new[] { "test" }));
    }

    [Test]
    public async Task ApplyAsync_RecheckPassed_RecordsTime()
    {
        await _applier.ApplyAsync(ContentA);
        File.SetLastWriteTimeUtc(_folder.Combine(AppliedName), OldWriteTime);
        await _applier.ApplyAsync(ContentA);
        _calls.Clear();

        await _applier.ApplyAsync(ContentA);

        Assert.That(File.GetLastWriteTimeUtc(_folder.Combine(AppliedName)), Is.GreaterThan(DateTime.UtcNow.AddMinutes(-1)));
        Assert.That(_calls, Is.Empty, "a passing recheck is not repeated before the interval");
    }

    [Test]
    public async Task ApplyAsync_RecheckFails_RejectsKeepingFiles()
    {
        await _applier.ApplyAsync(ContentA);
        File.SetLastWriteTimeUtc(_folder.Combine(AppliedName), OldWriteTime);
        RejectNextTests("unknown directive \"broken_by_someone\" in /etc/nginx/nginx.conf:3");
        _calls.Clear();

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Rejected));
        Assert.That(result.Message, Does.Contain("unchanged").And.Contain("broken_by_someone"));
        Assert.That(_calls, Is.EqualTo(new[] { "test" }), "no reload after a failed recheck");
        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_AfterFailedRecheck_TestsAgain()
    {
        await _applier.ApplyAsync(ContentA);
        File.SetLastWriteTimeUtc(_folder.Combine(AppliedName), OldWriteTime);
        RejectNextTests("broken");
        await _applier.ApplyAsync(ContentA);
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("test"))
            .ReturnsAsync(new NginxTestResult(true, ""));
        _calls.Clear();

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Unchanged));
        Assert.That(_calls, Is.EqualTo(new[] { "test" }));
    }

    [Test]
    public async Task ApplyAsync_RecheckIntervalZero_NeverTestsUnchanged()
    {
        var options = Options.Create(new NginxOptions { ConfigPath = ConfigPath, RecheckInterval = TimeSpan.Zero });
        var applier = new ConfigApplier(options, _nginx.Object, TimeProvider.System, NullLogger<ConfigApplier>.Instance);
        await applier.ApplyAsync(ContentA);
        File.SetLastWriteTimeUtc(_folder.Combine(AppliedName), OldWriteTime);
        _calls.Clear();

        var result = await applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Unchanged));
        Assert.That(_calls, Is.Empty);
    }

    [Test]
    public async Task ApplyAsync_SameContentMasterStopped_AppliesAgain()
    {
        await _applier.ApplyAsync(ContentA);
        _nginx.Setup(nginx => nginx.IsMasterRunning()).Returns(false);
        _calls.Clear();

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Applied));
        Assert.That(_calls, Is.EqualTo(new[] { "test", "reload" }));
    }

    [Test]
    public async Task ApplyAsync_LiveFileEditedByHand_AppliesAgain()
    {
        await _applier.ApplyAsync(ContentA);
        File.WriteAllText(ConfigPath, "# edited by hand\n");

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Applied));
        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
    }

    [Test]
    public async Task ApplyAsync_ChangedContent_ReplacesFile()
    {
        await _applier.ApplyAsync(ContentA);

        var result = await _applier.ApplyAsync(ContentB);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Applied));
        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentB));
        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentB)));
    }

    [Test]
    public async Task ApplyAsync_Rejected_ReturnsRejectedWithNginxOutput()
    {
        await _applier.ApplyAsync(ContentA);
        RejectNextTests("nginx: [emerg] unexpected \"}\" in runbot-vscode.conf:2");

        var result = await _applier.ApplyAsync(ContentB);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Rejected));
        Assert.That(result.Message, Is.EqualTo("nginx: [emerg] unexpected \"}\" in runbot-vscode.conf:2"));
        Assert.That(result.Hash, Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_Rejected_RestoresPreviousFileByteForByte()
    {
        // Bytes that a text round trip could change: a BOM, CRLF, a lone CR, no final newline and invalid UTF-8.
        byte[] previous = [0xEF, 0xBB, 0xBF, (byte)'#', (byte)' ', 0xC3, 0xA9, (byte)'\r', (byte)'\n', (byte)'\r', 0xFF, (byte)'x'];
        File.WriteAllBytes(ConfigPath, previous);
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentB);

        Assert.That(File.ReadAllBytes(ConfigPath), Is.EqualTo(previous));
    }

    [Test]
    public async Task ApplyAsync_TestCannotRun_RestoresPrevious()
    {
        await _applier.ApplyAsync(ContentA);
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new NginxException("nginx binary '/usr/sbin/nginx' cannot be run: No such file or directory."));

        Assert.ThrowsAsync<NginxException>(() => _applier.ApplyAsync(ContentB));

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
        Assert.That(File.Exists(_folder.Combine(PreviousName)), Is.False);
        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_TestCanceled_RestoresPrevious()
    {
        await _applier.ApplyAsync(ContentA);
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        Assert.ThrowsAsync<OperationCanceledException>(() => _applier.ApplyAsync(ContentB));

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
        Assert.That(File.Exists(_folder.Combine(PreviousName)), Is.False);
    }

    [Test]
    public async Task ApplyAsync_Rejected_AppliedHashUnchanged()
    {
        await _applier.ApplyAsync(ContentA);
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentB);

        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentA)));
    }

    [Test]
    public async Task ApplyAsync_Rejected_NoReload()
    {
        await _applier.ApplyAsync(ContentA);
        RejectNextTests("rejected");
        _calls.Clear();

        await _applier.ApplyAsync(ContentB);

        Assert.That(_calls, Is.EqualTo(new[] { "test" }));
    }

    [Test]
    public async Task ApplyAsync_Rejected_LeavesNoDotFiles()
    {
        await _applier.ApplyAsync(ContentA);
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentB);

        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { AppliedName, ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_RejectedWithoutPreviousFile_RemovesFile()
    {
        RejectNextTests("rejected");

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Rejected));
        Assert.That(File.Exists(ConfigPath), Is.False);
        Assert.That(result.Hash, Is.Null);
    }

    [Test]
    public async Task ApplyAsync_RejectedWithoutPreviousFile_LeavesEmptyFolder()
    {
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentA);

        Assert.That(_folder.FileNames(), Is.Empty);
    }

    [Test]
    public async Task ApplyAsync_ReloadFails_ReturnsReloadFailed()
    {
        _nginx.Setup(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new NginxException("kill failed"));

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.ReloadFailed));
        Assert.That(result.Message, Is.EqualTo("kill failed"));
    }

    [Test]
    public async Task ApplyAsync_ReloadFails_AppliedHashNotWritten()
    {
        await _applier.ApplyAsync(ContentA);
        _nginx.Setup(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new NginxException("kill failed"));

        await _applier.ApplyAsync(ContentB);

        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentA)));
        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { AppliedName, ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_SameContentAfterReloadFailed_RetriesIt()
    {
        _nginx.SetupSequence(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new NginxException("kill failed"))
            .ReturnsAsync(ReloadOutcome.Signaled);
        await _applier.ApplyAsync(ContentA);

        var retry = await _applier.ApplyAsync(ContentA);

        Assert.That(retry.Status, Is.EqualTo(ApplyStatus.Applied));
        Assert.That(AppliedHashOnDisk(), Is.EqualTo(Sha256(ContentA)));
        _nginx.Verify(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task ApplyAsync_InterruptedAfterSwap_PutsBackPreviousFile()
    {
        // A pass that stopped after the swap leaves the untested candidate live and the accepted file in ".previous".
        await _applier.ApplyAsync(ContentA);
        File.WriteAllText(_folder.Combine(PreviousName), ContentA);
        File.WriteAllText(ConfigPath, ContentB);
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentC);

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { AppliedName, ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_InterruptedAfterSwapThenSameContent_AppliesAndCleansUp()
    {
        await _applier.ApplyAsync(ContentA);
        File.WriteAllText(_folder.Combine(PreviousName), ContentA);
        File.WriteAllText(ConfigPath, ContentB);

        var result = await _applier.ApplyAsync(ContentB);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Applied));
        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentB));
        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { AppliedName, ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_InterruptedBeforeSwap_KeepsLiveFile()
    {
        // A pass that stopped before the swap leaves the accepted file live and a stale ".previous" beside it.
        await _applier.ApplyAsync(ContentA);
        File.WriteAllText(_folder.Combine(PreviousName), "# stale\n");
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentC);

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { AppliedName, ConfigName }));
    }

    [Test]
    public async Task ApplyAsync_InterruptedFirstApply_PutsBackPreviousFile()
    {
        // Nothing was ever applied, so any live file is untested: the file from before the pass comes back.
        File.WriteAllText(_folder.Combine(PreviousName), ContentA);
        File.WriteAllText(ConfigPath, ContentB);
        RejectNextTests("rejected");

        await _applier.ApplyAsync(ContentC);

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(ContentA));
    }

    [Test]
    public async Task ApplyAsync_LeftoverTemporaryFile_IgnoredByUnchangedCheck()
    {
        await _applier.ApplyAsync(ContentA);
        File.WriteAllText(_folder.Combine(".runbot-vscode.conf.0123456789abcdef.tmp"), ContentB);

        var result = await _applier.ApplyAsync(ContentA);

        Assert.That(result.Status, Is.EqualTo(ApplyStatus.Unchanged));
    }

    [Test]
    public async Task ReadApplied_AfterApply_ReturnsContent()
    {
        await _applier.ApplyAsync(ContentA);

        Assert.That(_applier.ReadApplied(), Is.EqualTo(ContentA));
    }

    [Test]
    public void ReadApplied_NothingApplied_ReturnsNull()
    {
        Assert.That(_applier.ReadApplied(), Is.Null);
    }

    [Test]
    public async Task ReadApplied_LiveFileDiffersFromHash_ReturnsNull()
    {
        await _applier.ApplyAsync(ContentA);
        File.WriteAllText(ConfigPath, ContentB);

        Assert.That(_applier.ReadApplied(), Is.Null);
    }

    [Test]
    public void LockPath_AnyConfigPath_IsDotFileBesideIt()
    {
        Assert.That(_applier.LockPath, Is.EqualTo(_folder.Combine(".runbot-vscode.conf.lock")));
    }

    [Test]
    public void Hash_KnownInput_ReturnsLowercaseSha256()
    {
        Assert.That(ConfigApplier.Hash(Encoding.ASCII.GetBytes("abc")), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
}
