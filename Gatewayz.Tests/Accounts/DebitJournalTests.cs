using System.Text;
using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Accounts;

/// <summary>The debit journal on a real disk: what it replays, what it leaves to a running gateway, what it deletes.</summary>
public sealed class DebitJournalTests : IDisposable
{
    private const string Database = "Host=127.0.0.1;Port=5432;Database=journal_tests;Username=postgres";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gwz-journal-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void A_line_torn_by_a_crash_is_skipped_and_every_whole_debit_is_replayed_with_its_exact_amount()
    {
        var taken = Enumerable.Range(0, 3).Select(i => new Debit(Guid.NewGuid(), 0.00012345m * (i + 1), "usage:openai/gpt-4o", $"chatcmpl-{i}")).ToList();
        string path;
        using (var crashed = Journal())
        {
            var files = taken.Select(crashed.Append).ToList();
            path = files.Distinct().ShouldHaveSingleItem().ShouldNotBeNull().Path;
            crashed.Close().ShouldBe(3, "none was written: all stay");
        }
        // The crash cut the next debit's line short.
        File.AppendAllText(path, """{"request_id":"chatcmpl-torn","user_id":"4f1c""", Encoding.UTF8);

        using var next = Journal();
        var replayed = next.Recover();

        replayed.Select(queued => queued.Debit).ShouldBe(taken);
        next.Outstanding.ShouldBe(3);
    }

    [Fact]
    public void A_file_a_running_gateway_holds_is_not_replayed_by_another_until_it_is_released()
    {
        using var running = Journal();
        running.Append(new Debit(Guid.NewGuid(), 1m, "usage:m", "chatcmpl-running")).ShouldNotBeNull();
        using var starting = Journal();

        starting.Recover().ShouldBeEmpty("the file is locked by the running journal");

        running.Close();
        starting.Recover().Select(queued => queued.Debit.RequestId).ShouldBe(["chatcmpl-running"]);
    }

    [Fact]
    public void Files_roll_at_their_size_and_each_is_deleted_once_all_its_debits_are_resolved()
    {
        using var journal = Journal(segmentBytes: 4096);
        var queued = Enumerable.Range(0, 100)
            .Select(i => new Debit(Guid.NewGuid(), 0.5m, "usage:m", $"chatcmpl-{i:D4}"))
            .Select(debit => new QueuedDebit(debit, journal.Append(debit)))
            .ToList();
        var files = queued.Select(debit => debit.Segment!.Path).Distinct().ToList();
        files.Count.ShouldBeGreaterThan(2);
        Files().ShouldBe(files, ignoreOrder: true);

        journal.Resolve(queued.Where(debit => debit.Segment!.Path != files[0]));
        Files().ShouldBe([files[0], files[^1]], ignoreOrder: true, "the active file stays; the others with nothing left go");

        journal.Resolve(queued.Where(debit => debit.Segment!.Path == files[0]));
        Files().ShouldBe([files[^1]]);
        journal.Close().ShouldBe(0);
        Directory.Exists(journal.Directory).ShouldBeFalse("an empty journal leaves nothing behind");
    }

    [Fact]
    public void Each_database_has_a_folder_of_its_own()
    {
        var other = Database.Replace("journal_tests", "other_database");

        DebitJournal.DirectoryFor(_root, other).ShouldNotBe(DebitJournal.DirectoryFor(_root, Database));
        DebitJournal.DirectoryFor(_root, Database + ";Timeout=30").ShouldBe(DebitJournal.DirectoryFor(_root, Database), "only where the data goes counts");
    }

    private DebitJournal Journal(long segmentBytes = 8 * 1024 * 1024) =>
        new(Options.Create(new CreditOptions { JournalDirectory = _root, JournalSegmentBytes = segmentBytes }), new GatewayzDatabase(Database),
            TimeProvider.System, NullLogger<DebitJournal>.Instance);

    private string[] Files() => Directory.GetFiles(DebitJournal.DirectoryFor(_root, Database), "*.journal");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
