using Microsoft.Extensions.Time.Testing;

namespace RunbotVsCode.Containers.Tests;

public sealed class CodeServerActivityTests
{
    private static readonly CodeServerUpstream Upstream = CodeServerUpstream.ForSocket("/srv/build/00101-17-0/.vscode-server/code-server.sock");

    [Test]
    public void FindIdle_ActivityMarked_RestartsIdleClock()
    {
        var time = new FakeTimeProvider();
        var activity = new CodeServerActivity(time);
        activity.Track(1, "abc", null, Upstream);

        time.Advance(TimeSpan.FromMinutes(9));
        activity.MarkActivity(1);
        time.Advance(TimeSpan.FromMinutes(9));
        var idleAfterActivity = activity.FindIdle(TimeSpan.FromMinutes(10));
        time.Advance(TimeSpan.FromMinutes(1));
        var idleAfterTimeout = activity.FindIdle(TimeSpan.FromMinutes(10));

        Assert.That(idleAfterActivity, Is.Empty);
        Assert.That(idleAfterTimeout.Select(server => server.BuildId), Is.EqualTo(new[] { 1L }));
    }

    [Test]
    public void MarkActivity_UntrackedBuild_IsIgnored()
    {
        var activity = new CodeServerActivity(new FakeTimeProvider());

        activity.MarkActivity(7);

        Assert.That(activity.Find(7), Is.Null);
    }

    [Test]
    public void Forget_TrackedBuild_RemovesIt()
    {
        var activity = new CodeServerActivity(new FakeTimeProvider());
        activity.Track(1, "abc", "1000", Upstream);

        activity.Forget(1);

        Assert.That(activity.Find(1), Is.Null);
    }
}
