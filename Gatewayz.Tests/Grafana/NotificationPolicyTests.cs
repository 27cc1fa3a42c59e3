namespace Gatewayz.Tests.Grafana;

/// <summary>Contact points and the notification-policy tree: every route ends at a real contact point, as docs/grafana.md tables it.</summary>
public sealed class NotificationPolicyTests
{
    private static readonly NotificationPolicyTree Policies = NotificationPolicyTree.Load(Path.Combine(GrafanaPaths.Alerting, "notification_policies.yml"));

    private static NotificationPolicyTree.Route Route(params string[] labels) =>
        Policies.Match(labels.Select(label => label.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]));

    [Fact]
    public void Every_policy_receiver_is_a_provisioned_contact_point()
    {
        var contactPoints = ContactPoints.Load();

        contactPoints.ShouldBe(["critical-email", "ops-email"], ignoreOrder: true);
        Policies.AllPolicies().Select(policy => (string?)policy["receiver"]).OfType<string>()
            .Where(receiver => !contactPoints.Contains(receiver)).ShouldBeEmpty();
    }

    [Fact]
    public void Contact_point_addresses_come_from_the_environment()
    {
        var addresses = YamlDocument.Load(ContactPoints.FilePath)["contactPoints"].Items()
            .ToDictionary(point => (string)point["name"]!, point => (string?)point["receivers"]![0]!["settings"]!["addresses"]);

        addresses["critical-email"].ShouldBe("${ALERT_EMAIL_CRIT}");
        addresses["ops-email"].ShouldBe("${ALERT_EMAIL_OPS}");
    }

    [Fact]
    public void Critical_rate_limiter_alerts_page_at_once_and_repeat_every_15_minutes() =>
        Route("component=rate_limiter", "severity=critical", "category=rate_limit")
            .ShouldBe(new NotificationPolicyTree.Route("critical-email", "0s", "2m", "15m"));

    [Fact]
    public void Rate_limiter_warnings_are_batched_to_ops_email() =>
        Route("component=rate_limiter", "severity=warning", "category=rate_limit")
            .ShouldBe(new NotificationPolicyTree.Route("ops-email", "2m", "5m", "30m"));

    [Theory]
    [InlineData("category=traffic_spike,severity=critical", "critical-email", "15m")]
    [InlineData("category=error_rate_spike,severity=warning", "ops-email", "30m")]
    [InlineData("component=slo,category=slo,severity=critical", "critical-email", "15m")]
    [InlineData("category=latency_anomaly,severity=warning", "ops-email", "1h")]
    [InlineData("category=availability_drop,severity=critical", "critical-email", "15m")]
    [InlineData("category=circuit_breaker,severity=warning", "critical-email", "15m")]
    [InlineData("category=model,severity=warning", "ops-email", "30m")]
    [InlineData("category=logs,severity=warning", "ops-email", "30m")]
    [InlineData("category=backend,severity=warning", "ops-email", "1h")]
    public void Routes_follow_the_notification_policy_table(string labels, string receiver, string repeat)
    {
        var route = Route(labels.Split(','));

        (route.Receiver, route.RepeatInterval).ShouldBe((receiver, repeat));
    }

    [Fact]
    public void Every_provisioned_alert_reaches_critical_email_exactly_when_it_is_critical()
    {
        var rules = AlertRules.All();

        rules.ShouldNotBeEmpty();
        rules.Where(rule => (Policies.Match(rule.Labels).Receiver == "critical-email") != (rule.Labels["severity"] == "critical"))
            .Select(rule => $"{rule.Uid} ({string.Join(", ", rule.Labels)}) → {Policies.Match(rule.Labels).Receiver}")
            .ShouldBeEmpty();
    }
}
