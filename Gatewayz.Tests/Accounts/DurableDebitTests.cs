using System.Collections.Concurrent;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Accounts;

/// <summary>
/// Debits taken while Postgres is down survive the gateway process: real gateway processes, a real Postgres
/// that is stopped, and the debit journal on disk between them. The first gateway ends without writing its
/// debits (killed, or stopped while Postgres is still down); the next one on the same journal writes each of
/// them exactly once — including those the first one had already written, which are in the journal too.
/// </summary>
public sealed class DurableDebitTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const decimal Grant = 1000m;

    [Fact]
    public async Task A_gateway_killed_while_Postgres_is_down_loses_no_debit_and_the_next_gateway_writes_each_exactly_once()
    {
        await OutageAsync(before: 5, during: 200, end: gateway =>
        {
            gateway.Kill();
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_gateway_stopped_while_Postgres_is_down_keeps_its_debits_in_the_journal_for_the_next_gateway()
    {
        await OutageAsync(before: 1, during: 50, end: async gateway =>
        {
            (await gateway.StopAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, gateway.Output);
            gateway.Output.ShouldContain("stay in the journal", customMessage: gateway.Output);
        });
    }

    /// <summary>
    /// <paramref name="before"/> requests with Postgres up (written), <paramref name="during"/> with it down,
    /// the gateway ends by <paramref name="end"/>, Postgres comes back, a new gateway starts on the journal.
    /// </summary>
    private async Task OutageAsync(int before, int during, Func<GatewayProcess, Task> end)
    {
        var database = await storage.NewDatabaseAsync();
        var journal = Path.Combine(Path.GetTempPath(), "gwz-journal-" + Guid.NewGuid().ToString("N")[..12]);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:gatewayz"] = database,
            ["Gatewayz:AdminToken"] = AdminClient.Token,
            // The key stays known through the outage (the balance does anyway: the last one seen).
            ["Gatewayz:Caching:ApiKeySeconds"] = "3600",
            [GatewayHost.JournalSetting] = journal,
            ["Gatewayz:Credits:ShutdownDrainSeconds"] = "1",
        }.Priced();
        var postgresDown = false;
        try
        {
            Guid user;
            var served = new ConcurrentDictionary<string, decimal>();
            using (var first = await GatewayProcess.StartAsync(settings))
            {
                using var admin = new AdminClient(first.CreateHttpClient(AdminClient.Token));
                (user, var key) = await admin.CreateFundedKeyAsync("outage@example.com", Grant);
                using var http = first.CreateHttpClient(key);
                await ServeAsync(http, before, served);
                (await WaitForDebitsAsync(database, before)).Count.ShouldBe(before, first.Output);

                await storage.StopPostgresAsync();
                postgresDown = true;
                await ServeAsync(http, during, served);
                await end(first);
            }
            served.Count.ShouldBe(before + during);

            await storage.StartPostgresAsync();
            postgresDown = false;
            using var second = await GatewayProcess.StartAsync(settings);

            // Once the journal is empty, every debit it held is settled: the ledger is final.
            (await Eventually.TrueAsync(() => Task.FromResult(JournalFiles(journal).Length == 0), TimeSpan.FromSeconds(60)))
                .ShouldBeTrue(second.Output);
            var debits = await Ledger.DebitsAsync(database);
            debits.Count.ShouldBe(before + during, "not one debit lost, not one written twice");
            debits.Keys.ShouldBe(served.Keys, ignoreOrder: true, "each request served is debited, and nothing else");
            foreach (var (requestId, cost) in served)
                debits[requestId].ShouldBe((1L, -cost), requestId);
            using var admin2 = new AdminClient(second.CreateHttpClient(AdminClient.Token));
            (await admin2.BalanceAsync(user)).ShouldBe(Grant - served.Values.Sum());
        }
        finally
        {
            // The next test of the class needs the server.
            if (postgresDown) await storage.StartPostgresAsync();
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }

    /// <summary>Serves <paramref name="count"/> chat completions, four at a time; records each response id and its cost.</summary>
    private static async Task ServeAsync(HttpClient http, int count, ConcurrentDictionary<string, decimal> served)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var (id, cost) = await PricedChat.PostAsync(http, $"request {i}");
            served[id] = cost;
        });
    }

    private static Task<Dictionary<string, (long Rows, decimal Amount)>> WaitForDebitsAsync(string database, int count) =>
        Eventually.ReturnsAsync(() => Ledger.DebitsAsync(database), debits => debits.Count >= count, TimeSpan.FromSeconds(30));

    private static string[] JournalFiles(string journal) =>
        Directory.Exists(journal) ? Directory.GetFiles(journal, "*.journal", SearchOption.AllDirectories) : [];
}
