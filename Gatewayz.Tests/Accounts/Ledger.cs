using Npgsql;

namespace Gatewayz.Tests.Accounts;

/// <summary>The credit ledger and the dead-letter table, read straight from Postgres.</summary>
public static class Ledger
{
    /// <summary>Every ledger entry with a request id (the debits), by request id: how many rows and their sum.</summary>
    public static async Task<Dictionary<string, (long Rows, decimal Amount)>> DebitsAsync(string database)
    {
        var debits = new Dictionary<string, (long, decimal)>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select request_id, count(*), sum(amount) from credit_ledger where request_id is not null group by request_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            debits[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDecimal(2));
        return debits;
    }

    /// <summary>The debit rows of one request: how many and their sum (negative: a debit).</summary>
    public static async Task<(long Rows, decimal Amount)> DebitOfAsync(string database, string requestId) =>
        (await DebitsAsync(database)).GetValueOrDefault(requestId);

    /// <summary>The dead-letter table: request id, user, amount, SQLSTATE and error of each refused debit.</summary>
    public static async Task<List<(string RequestId, Guid UserId, decimal Amount, string SqlState, string Error)>> DeadLettersAsync(string database)
    {
        var letters = new List<(string, Guid, decimal, string, string)>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select request_id, user_id, amount, sqlstate, error from credit_dead_letters order by created_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            letters.Add((reader.GetString(0), reader.GetGuid(1), reader.GetDecimal(2), reader.GetString(3), reader.GetString(4)));
        return letters;
    }
}
