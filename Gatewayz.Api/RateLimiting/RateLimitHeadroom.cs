namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// The fast path of the shared budgets. While a budget is far from its limit — the last total Redis
/// reported plus what this replica admitted since (written or not, and on its way to Redis) stays under
/// <see cref="RateLimitOptions.LocalHeadroom"/> of the limit — a request is admitted here without a Redis round trip, and
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
                if (budget.Known + budget.Unsynced + budget.InFlight + request.AmountOf(type) > request.Policy.LimitOf(type) * fraction)
                    return false;
            }
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
                _budgets[Key(request, type)].Unsynced += request.AmountOf(type);
        }
        return true;
    }

    /// <summary>
    /// Remembers the totals Redis reported after admitting <paramref name="request"/> exactly; they include
    /// <paramref name="written"/>, the amounts taken with <see cref="TakeUnsynced(RateLimitRequest)"/> for that check.
    /// </summary>
    public void Learn(RateLimitRequest request, ReadOnlySpan<long> totals, long[] written)
    {
        if (!Enabled) return;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                var budget = BudgetOf(Key(request, type));
                budget.Land(written[(int)type]);
                budget.Know(totals[(int)type]);
            }
        }
    }

    /// <summary>
    /// After Redis refused <paramref name="request"/> (having still added <paramref name="written"/>): the totals
    /// are unknown but at the limit, so the next request of these budgets is checked in Redis again.
    /// </summary>
    public void Forget(RateLimitRequest request, long[] written)
    {
        if (!Enabled) return;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                var budget = BudgetOf(Key(request, type));
                budget.Land(written[(int)type]);
                budget.HasKnown = false;
            }
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
                budget.Launch(budget.Unsynced);
            }
        }
        return pending;
    }

    /// <summary>
    /// Takes this request's budgets' unwritten amounts, for the exact check in Redis to add first:
    /// near the limit, what this replica admitted locally must count. Until Redis answers they stay counted
    /// here as in flight; <see cref="Learn"/>, <see cref="Forget"/> or <see cref="Restore"/> settles them.
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
                budget.Launch(budget.Unsynced);
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
            {
                var budget = BudgetOf(Key(request, type));
                budget.Land(amounts[(int)type]);
                budget.Unsynced += amounts[(int)type];
            }
        }
    }

    /// <summary>Records what Redis reported after an increment was written.</summary>
    internal void Written(PendingIncrement increment, long total)
    {
        lock (_lock)
        {
            var budget = BudgetOf((increment.Type, increment.Subject, increment.Window));
            budget.Land(increment.Amount);
            budget.Know(total);
        }
    }

    /// <summary>Puts back an increment that could not be written, to try again.</summary>
    internal void Unwritten(PendingIncrement increment)
    {
        lock (_lock)
        {
            var budget = BudgetOf((increment.Type, increment.Subject, increment.Window));
            budget.Land(increment.Amount);
            budget.Unsynced += increment.Amount;
        }
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

        /// <summary>
        /// Amounts sent to Redis whose new total has not come back yet. They count against the headroom: without
        /// them a request arriving during the round trip would see neither the amount (no longer unsynced) nor its
        /// total (not yet known), and could be admitted past the limit.
        /// </summary>
        public long InFlight;

        public bool HasKnown;

        public void Launch(long amount)
        {
            InFlight += amount;
            Unsynced -= amount;
        }

        // A window's budget can be forgotten while its amounts are in flight; never count below zero.
        public void Land(long amount) => InFlight = Math.Max(0, InFlight - amount);

        public void Know(long total)
        {
            Known = total;
            HasKnown = true;
        }
    }
}
