using Gatewayz.Data;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gatewayz.Tests.Accounts;

/// <summary>
/// A debit Postgres refuses for good goes to <c>credit_dead_letters</c> with its reason, is counted, and holds
/// back nobody else's debits — neither those queued with it in one batch nor those that come after.
/// </summary>
public sealed class DeadLetterTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    /// <summary>The largest balance <c>numeric(20, 8)</c> holds: any debit below minus this overflows.</summary>
    private const decimal ColumnLimit = 999_999_999_999.99999999m;

    [Fact]
    public async Task A_debit_refused_for_good_is_dead_lettered_with_its_reason_while_other_users_debits_keep_landing()
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>().Priced());
        var database = gateway.Services.GetRequiredService<GatewayzDatabase>().ConnectionString;
        using var admin = new AdminClient(gateway);
        var (poisoned, poisonedKey) = await admin.CreateFundedKeyAsync("poisoned@example.com", 10m);
        var (alice, aliceKey) = await admin.CreateFundedKeyAsync("alice@example.com", 10m);
        var (bob, bobKey) = await admin.CreateFundedKeyAsync("bob@example.com", 10m);
        var costs = new Dictionary<Guid, decimal> { [poisoned] = 0m, [alice] = 0m, [bob] = 0m };
        var requests = new Dictionary<Guid, List<string>> { [poisoned] = [], [alice] = [], [bob] = [] };
        async Task ServeAsync(Guid user, string key)
        {
            using var http = gateway.CreateHttpClient(key);
            var (id, cost) = await PricedChat.PostAsync(http, $"request {requests[user].Count} of {user}");
            costs[user] += cost;
            requests[user].Add(id);
        }

        // Every balance is seen (and cached) once; then an operator's corrections elsewhere take the poisoned
        // user's balance to the column's limit, where any further debit overflows (22003).
        await ServeAsync(poisoned, poisonedKey);
        await ServeAsync(alice, aliceKey);
        await ServeAsync(bob, bobKey);
        (await Eventually.ReturnsAsync(() => Ledger.DebitsAsync(database), debits => debits.Count == 3)).Count.ShouldBe(3);
        await CorrectToLimitAsync(database, poisoned);

        // During an outage admission goes on with the last balance seen, from before the corrections, so the
        // poisoned user is still debited; queued meanwhile, its debits share a batch with the others when
        // Postgres returns.
        await storage.SetConnectionsAllowedAsync(database, allowed: false);
        try
        {
            await ServeAsync(poisoned, poisonedKey);
            await ServeAsync(alice, aliceKey);
            await ServeAsync(poisoned, poisonedKey);
            await ServeAsync(bob, bobKey);
        }
        finally
        {
            await storage.SetConnectionsAllowedAsync(database, allowed: true);
        }
        await ServeAsync(alice, aliceKey);

        var debits = await Eventually.ReturnsAsync(() => Ledger.DebitsAsync(database), debits => debits.Count >= 6, TimeSpan.FromSeconds(30));
        debits.Keys.ShouldBe([.. requests[poisoned][..1], .. requests[alice], .. requests[bob]], ignoreOrder: true);
        (await admin.BalanceAsync(alice)).ShouldBe(10m - costs[alice]);
        (await admin.BalanceAsync(bob)).ShouldBe(10m - costs[bob]);
        (await admin.BalanceAsync(poisoned)).ShouldBe(-ColumnLimit, "the refused debits are not in the ledger");

        var letters = await Ledger.DeadLettersAsync(database);
        letters.Select(letter => letter.RequestId).ShouldBe(requests[poisoned][1..], ignoreOrder: true);
        letters.ShouldAllBe(letter => letter.UserId == poisoned && letter.SqlState == PostgresErrorCodes.NumericValueOutOfRange && letter.Amount > 0m);
        letters.ShouldAllBe(letter => letter.Error.Contains("numeric field overflow"));
        letters.Sum(letter => letter.Amount).ShouldBe(costs[poisoned] - DebitOf(debits, requests[poisoned][0]));
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_credit_debits_dead_lettered_total", ("reason", "data_exception")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_credit_debits_dead_lettered_total", ("reason", "constraint_violation")).ShouldBe(0);
    }

    private static decimal DebitOf(Dictionary<string, (long Rows, decimal Amount)> debits, string requestId) => -debits[requestId].Amount;

    /// <summary>Two ledger corrections, as an admin would enter them: the balance to zero, then to minus the column's limit.</summary>
    private static async Task CorrectToLimitAsync(string database, Guid user)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into credit_ledger (user_id, amount, reason) select user_id, -balance, 'correction' from credit_balances where user_id = @user;
            insert into credit_ledger (user_id, amount, reason) values (@user, @limit, 'correction');
            """, connection);
        command.Parameters.AddWithValue("user", user);
        command.Parameters.AddWithValue("limit", -ColumnLimit);
        await command.ExecuteNonQueryAsync();
    }
}
