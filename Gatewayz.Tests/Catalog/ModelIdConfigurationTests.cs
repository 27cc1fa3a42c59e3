using Gatewayz.Api.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Catalog;

/// <summary>
/// The two model forms bound and validated the way start-up does it (binder, then validator), without
/// a process: which ids end up in the catalog and what a bad one is called.
/// </summary>
public sealed class ModelIdConfigurationTests
{
    private static readonly (string, string)[] Provider = [("Gatewayz:Providers:p:Kind", "Simulated")];

    [Fact]
    public void List_form_holds_any_id_and_merges_with_the_dictionary_form()
    {
        var (options, failures) = Bind(
            ("Gatewayz:Models:plain/model:Routes:0:Provider", "p"),
            ("Gatewayz:ModelList:0:Id", "meta-llama/llama-3.1-8b-instruct:free"),
            ("Gatewayz:ModelList:0:Routes:0:Provider", "P"),
            ("Gatewayz:ModelList:1:Id", "llama3:8b:q4"),
            ("Gatewayz:ModelList:1:Routes:0:Provider", "p"),
            ("Gatewayz:ModelList:1:Routes:0:UpstreamModel", "llama3:8b-q4"));

        failures.ShouldBeEmpty();
        var catalog = new ModelCatalog(Options.Create(options));
        catalog.Models.Select(model => model.Id).ShouldBe(["llama3:8b:q4", "meta-llama/llama-3.1-8b-instruct:free", "plain/model"]);
        catalog.TryGetModel("META-LLAMA/llama-3.1-8b-instruct:FREE", out var free).ShouldBeTrue();
        free.Routes.Single().ShouldBe(new ResolvedRoute("p", "meta-llama/llama-3.1-8b-instruct:free"));
        catalog.TryGetModel("llama3:8b:q4", out var q4).ShouldBeTrue();
        q4.Routes.Single().UpstreamModel.ShouldBe("llama3:8b-q4");
        catalog.TryGetModel("meta-llama/llama-3.1-8b-instruct", out _).ShouldBeFalse();
    }

    [Fact]
    public void Colon_id_split_by_the_dictionary_form_is_named_in_full()
    {
        var (_, failures) = Bind(("Gatewayz:Models:acme/tiny:free:Routes:0:Provider", "p"));

        var failure = failures.ShouldHaveSingleItem();
        failure.ShouldStartWith("Gatewayz:Models:acme/tiny:free: the model id 'acme/tiny:free' contains ':'");
        failure.ShouldContain("Gatewayz:ModelList:N:Id = acme/tiny:free");
    }

    [Fact]
    public void Colon_id_with_several_colons_is_followed_down_to_its_settings()
    {
        var (_, failures) = Bind(("Gatewayz:Models:llama3:8b:q4:Pricing:InputPerMillion", "1"));

        failures.ShouldHaveSingleItem().ShouldContain("the model id 'llama3:8b:q4' contains ':'");
    }

    [Fact]
    public void Colon_id_merged_into_an_existing_model_is_reported_and_the_model_itself_still_checked()
    {
        var (_, failures) = Bind(
            ("Gatewayz:Models:acme/tiny:Routes:0:Provider", "nobody"),
            ("Gatewayz:Models:acme/tiny:free:Routes:0:Provider", "p"));

        failures.Length.ShouldBe(2);
        failures.ShouldContain(failure => failure.Contains("'acme/tiny:free' contains ':'"));
        failures.ShouldContain(failure => failure.StartsWith("Gatewayz:Models:acme/tiny:Routes:0:Provider names unknown provider 'nobody'"));
    }

    [Fact]
    public void Misspelt_model_setting_is_not_mistaken_for_an_id()
    {
        var (_, failures) = Bind(
            ("Gatewayz:Models:acme/tiny:Routes:0:Provider", "p"),
            ("Gatewayz:Models:acme/tiny:Owner", "acme"));

        var failure = failures.ShouldHaveSingleItem();
        failure.ShouldStartWith("Gatewayz:Models:acme/tiny:Owner is not a model setting (expected Endpoints, OwnedBy, Pricing, Routes)");
    }

    [Theory]
    [InlineData("", "Gatewayz:ModelList:0:Id must not be empty")]
    [InlineData("  ", "Gatewayz:ModelList:0:Id must not be empty")]
    [InlineData(" padded:id", "Gatewayz:ModelList:0:Id ' padded:id' must not start or end with white space")]
    [InlineData("Plain/Model", "Gatewayz:ModelList:0:Id 'Plain/Model' is already configured at Gatewayz:Models:plain/model")]
    public void Bad_list_id_is_named_with_its_setting(string id, string expected)
    {
        var (_, failures) = Bind(
            ("Gatewayz:Models:plain/model:Routes:0:Provider", "p"),
            ("Gatewayz:ModelList:0:Id", id),
            ("Gatewayz:ModelList:0:Routes:0:Provider", "p"));

        failures.ShouldHaveSingleItem().ShouldStartWith(expected);
    }

    [Fact]
    public void List_entry_errors_name_the_entry_and_its_id()
    {
        var (_, failures) = Bind(
            ("Gatewayz:ModelList:0:Id", "acme/tiny:free"),
            ("Gatewayz:ModelList:0:Pricing:InputPerMillion", "-1"));

        failures.ShouldBe([
            "Gatewayz:ModelList:0:Routes must list at least one provider (model 'acme/tiny:free').",
            "Gatewayz:ModelList:0:Pricing must not be negative (model 'acme/tiny:free').",
        ]);
    }

    [Fact]
    public void A_catalog_of_list_entries_only_is_enough()
    {
        var (_, failures) = Bind(("Gatewayz:ModelList:0:Id", "only:one"), ("Gatewayz:ModelList:0:Routes:0:Provider", "p"));

        failures.ShouldBeEmpty();
    }

    private static (GatewayOptions Options, string[] Failures) Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([.. Provider.Concat(settings).Select(pair => new KeyValuePair<string, string?>(pair.Item1, pair.Item2))])
            .Build();
        var options = new GatewayOptions();
        configuration.GetSection(GatewayOptions.SectionName).Bind(options);
        var result = new GatewayOptionsValidator(configuration).Validate(null, options);
        return (options, [.. result.Failures ?? []]);
    }
}
