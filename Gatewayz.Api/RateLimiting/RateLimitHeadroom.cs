namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// The fast path of the shared budgets. While a budget is far from its limit — the last total Redis
/// reported plus what this replica admitted since stays under <see cref="RateLimitOptions.LocalHeadroom"/>
/// of the limit — a request is admitted here without a Redis round trip, and
/// <see cref="RateLimitHeadroomFlusher"/> adds it to Redis moments later. Near the limit every request
/// goes to Redis and is checked exactly, so replicas only ever disagree about budgets that are far
/// from exhausted.
/// </summary>
public sealed class RateLimitHeadroom(double fraction)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(LimitType Type, string Subject, long Window), Budget> _budgets = [];

    public bool Enabled => fraction > 0;

    public bool TryAdmit(RateLimitRequest request)
    {
        if (!Enabled) return false;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                if (!_budgets.TryGetValue(Key(request, type), out var budget) || !budget.HasKnown)
                    return false;
                if (budget.Known + budget.Unsynced + request.AmountOf(type) > request.Policy.LimitOf(type) * fraction)
                    return false;
            }
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
                _budgets[Key(request, type)].Unsynced += request.AmountOf(type);
        }
        return true;
    }

    /// <summary>Remembers the totals Redis reported after admitting <paramref name="request"/> exactly.</summary>
    public void Learn(RateLimitRequest request, ReadOnlySpan<long> totals)
    {
        if (!Enabled) return;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
                BudgetOf(Key(request, type)).Know(totals[(int)type]);
        }
    }

    public void AdjustTokens(RateLimitRequest request, long tokenDelta)
    {
        lock (_lock)
        {
            BudgetOf(Key(request, LimitType.KeyTokens)).Unsynced += tokenDelta;
            BudgetOf(Key(request, LimitType.UserTokens)).Unsynced += tokenDelta;
        }
    }

    /// <summary>Takes what was admitted locally and not yet written, forgetting windows that have ended.</summary>
    internal List<PendingIncrement> TakeUnsynced(long currentWindow)
    {
        var pending = new List<PendingIncrement>();
        lock (_lock)
        {
            foreach (var (key, budget) in _budgets)
            {
                if (key.Window < currentWindow - RateLimitWindow.Seconds)
                {
                    _budgets.Remove(key);
                    continue;
                }
                if (budget.Unsynced == 0) continue;
                pending.Add(new PendingIncrement(key.Type, key.Subject, key.Window, budget.Unsynced));
                budget.Unsynced = 0;
            }
        }
        return pending;
    }

    /// <summary>
    /// Takes this request's budgets' unwritten amounts, for the exact check in Redis to add first:
    /// near the limit, what this replica admitted locally must count.
    /// </summary>
    public long[] TakeUnsynced(RateLimitRequest request)
    {
        var amounts = new long[LimitTypes.Count];
        if (!Enabled) return amounts;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                if (!_budgets.TryGetValue(Key(request, type), out var budget)) continue;
                amounts[(int)type] = budget.Unsynced;
                budget.Unsynced = 0;
            }
        }
        return amounts;
    }

    /// <summary>Puts back amounts taken with <see cref="TakeUnsynced(RateLimitRequest)"/> that Redis did not receive.</summary>
    public void Restore(RateLimitRequest request, long[] amounts)
    {
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
                BudgetOf(Key(request, type)).Unsynced += amounts[(int)type];
        }
    }

    /// <summary>Records what Redis reported after an increment was written.</summary>
    internal void Written(PendingIncrement increment, long total)
    {
        lock (_lock) BudgetOf((increment.Type, increment.Subject, increment.Window)).Know(total);
    }

    /// <summary>Puts back an increment that could not be written, to try again.</summary>
    internal void Unwritten(PendingIncrement increment)
    {
        lock (_lock) BudgetOf((increment.Type, increment.Subject, increment.Window)).Unsynced += increment.Amount;
    }

    private Budget BudgetOf((LimitType, string, long) key)
    {
        if (!_budgets.TryGetValue(key, out var budget))
            _budgets[key] = budget = new Budget();
        return budget;
    }

    private static (LimitType, string, long) Key(RateLimitRequest request, LimitType type) => (type, request.SubjectOf(type), request.WindowStart);

    private sealed class Budget
    {
        public long Known;
        public long Unsynced;
        public bool HasKnown;

        public void Know(long total)
        {
            Known = total;
            HasKnown = true;
        }
    }
}
