namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// The fast path of the shared budgets. While a budget is far from its limit — the last total Redis
/// reported plus what this replica admitted since (written or not, and on its way to Redis) stays under
/// <see cref="RateLimitOptions.LocalHeadroom"/> of the limit — a request is admitted here without a Redis round trip, and
/// <see cref="RateLimitHeadroomFlusher"/> adds it to Redis moments later. Near the limit every request
/// goes to Redis and is checked exactly, so replicas only ever disagree about budgets that are far
/// from exhausted. Budgets whose local share is under <paramref name="minimumShare"/> always go to Redis.
/// On one replica every budget is exact. Across R replicas a window admits at most the limit plus
/// (R − 1) × the local share: the worst case, in which every other replica spends its whole share locally
/// on a total it learned before this one filled the budget.
/// </summary>
/// <param name="fraction">The local share of each budget (0–1): <see cref="RateLimitOptions.LocalHeadroom"/>.</param>
/// <param name="minimumShare">The smallest local share the fast path is used for: <see cref="RateLimitOptions.LocalHeadroomMinimum"/>.</param>
public sealed class RateLimitHeadroom(double fraction, long minimumShare = 0)
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
                var share = request.Policy.LimitOf(type) * fraction;
                if (share < minimumShare || !_budgets.TryGetValue(Key(request, type), out var budget) || !budget.HasKnown)
                    return false;
                if (budget.Known + budget.Unsynced + budget.InFlight + request.AmountOf(type) > share)
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
                budget.Land(written[(int)type] + request.AmountOf(type));
                budget.Know(totals[(int)type]);
            }
        }
    }

    /// <summary>
    /// After Redis refused <paramref name="request"/> by its <paramref name="refused"/> budget (having still added
    /// <paramref name="written"/>): that budget is known to be full, so every later request of it is checked in Redis
    /// for the rest of the window — even when an answer with an older, smaller total arrives after this one.
    /// </summary>
    public void Forget(RateLimitRequest request, long[] written, LimitType refused)
    {
        if (!Enabled) return;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                var budget = BudgetOf(Key(request, type));
                budget.Land(written[(int)type] + request.AmountOf(type));
                if (type == refused)
                    budget.Know(request.Policy.LimitOf(type));
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
    /// near the limit, what this replica admitted locally must count. Until Redis answers they, and the
    /// request's own amounts, stay counted here as in flight; <see cref="Learn"/>, <see cref="Forget"/> or
    /// <see cref="Restore"/> settles them.
    /// </summary>
    public long[] TakeUnsynced(RateLimitRequest request)
    {
        var amounts = new long[LimitTypes.Count];
        if (!Enabled) return amounts;
        lock (_lock)
        {
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                var budget = BudgetOf(Key(request, type));
                amounts[(int)type] = budget.Unsynced;
                budget.Launch(budget.Unsynced);
                // The request's own amount is on its way too: until Redis answers, a request admitted there
                // is in no total this replica knows, and many at once would leave room for local admissions.
                budget.InFlight += request.AmountOf(type);
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
                budget.Land(amounts[(int)type] + request.AmountOf(type));
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

        // Answers to concurrent writes arrive out of order; a window's total only grows (token corrections
        // aside, which only make the estimate cautious), so an older, smaller total never replaces a newer one.
        public void Know(long total)
        {
            Known = HasKnown ? Math.Max(Known, total) : total;
            HasKnown = true;
        }
    }
}
