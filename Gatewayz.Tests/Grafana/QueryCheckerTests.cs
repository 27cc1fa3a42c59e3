namespace Gatewayz.Tests.Grafana;

/// <summary>The query checker on tiny inline queries: it must pass good ones and catch each kind of bad one.</summary>
public sealed class QueryCheckerTests
{
    private readonly QueryChecker checker = QueryChecker.Load();

    private IReadOnlyList<string> Check(QueryLanguage language, string text) => checker.Check([new GrafanaQuery("fixture", language, text)]);

    [Theory]
    [InlineData("sum by (provider) (rate(gatewayz_inference_requests_total{provider=~\"$provider\", model=~\"${model:regex}\"}[$__rate_interval]))")]
    [InlineData("histogram_quantile(0.95, sum by (le, $groupby) (rate(gatewayz_http_request_duration_seconds_bucket[$__interval])))")]
    [InlineData("topk($topn, sum by (model) (increase(gatewayz_tokens_used_total[$__range]))) offset $shift")]
    [InlineData("sum(rate(process_cpu_seconds_total[5m])) + sum(redis_connected_clients) + sum(traces_spanmetrics_calls_total)")]
    [InlineData("{__name__=\"gatewayz_provider_health_score\", provider=\"$provider\"}")]
    public void Valid_promql_with_grafana_variables_and_catalog_metrics_passes(string query) =>
        Check(QueryLanguage.PromQL, query).ShouldBeEmpty();

    [Fact]
    public void Promql_syntax_error_is_reported_with_the_query_location()
    {
        var problems = Check(QueryLanguage.PromQL, "sum(rate(gatewayz_http_requests_total[5m])");

        problems.ShouldHaveSingleItem().ShouldStartWith("fixture: PromQL syntax error");
    }

    [Theory]
    [InlineData("rate(http_requests_total[5m])", "http_requests_total")]
    [InlineData("rate(gatewayz_inference_requests_total_bucket[5m])", "gatewayz_inference_requests_total_bucket")]
    [InlineData("{__name__=\"fastapi_requests_total\"}", "fastapi_requests_total")]
    [InlineData("node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes")]
    public void Metric_outside_catalog_and_allow_list_is_reported(string query, string unknownMetric) =>
        Check(QueryLanguage.PromQL, query).ShouldContain(problem => problem.Contains($"metric '{unknownMetric}'"));

    [Fact]
    public void Metric_named_only_by_a_template_variable_is_not_reported() =>
        Check(QueryLanguage.PromQL, "sum(rate($metric[5m]))").ShouldBeEmpty();

    [Theory]
    [InlineData(QueryLanguage.LogQL, "sum by (level) (count_over_time({service_name=\"gatewayz-api\"} | json | level=~\"$level\" [$__auto]))")]
    [InlineData(QueryLanguage.LogQL, "{service_name=~\"$service\"} |= \"trace_id\" | logfmt | line_format \"{{.msg}}\"")]
    [InlineData(QueryLanguage.TraceQL, "{ resource.service.name = \"$service\" && span.gen_ai.request.model =~ \"${model:pipe}\" && duration > 2s }")]
    [InlineData(QueryLanguage.TraceQL, "{ status = error } | rate() by (resource.service.name)")]
    public void Valid_logql_and_traceql_pass(QueryLanguage language, string query) =>
        Check(language, query).ShouldBeEmpty();

    [Theory]
    [InlineData(QueryLanguage.LogQL, "{service_name=\"gatewayz-api\"} | json |")]
    [InlineData(QueryLanguage.LogQL, "count_over_time({service_name=\"gatewayz-api\"})")]
    [InlineData(QueryLanguage.TraceQL, "{ resource.service.name = }")]
    [InlineData(QueryLanguage.TraceQL, "{ status = error ")]
    [InlineData(QueryLanguage.PromQL, "")]
    public void Broken_queries_are_reported_in_every_language(QueryLanguage language, string query) =>
        Check(language, query).ShouldNotBeEmpty();
}
