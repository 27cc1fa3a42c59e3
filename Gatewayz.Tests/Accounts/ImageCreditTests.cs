using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Images;

namespace Gatewayz.Tests.Accounts;

/// <summary>Generated images are debited from the caller's credits as chat answers are: each picture at the model's per-image price.</summary>
public sealed class ImageCreditTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const string Model = "test/priced-images";

    [Fact]
    public async Task Each_image_call_is_debited_its_pictures_times_the_per_image_price_with_one_ledger_row()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:primary:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:primary:BaseUrl"] = upstream.BaseUrl.ToString(),
            [$"Gatewayz:Models:{Model}:Endpoints:0"] = "images",
            [$"Gatewayz:Models:{Model}:Pricing:PerImage"] = "0.04",
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "primary",
        });
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("painter@example.com", 10m);
        var images = gateway.CreateOpenAiClient(key).GetImageClient(Model);

        // The fake upstream answers n pictures.
        GeneratedImageCollection three = await images.GenerateImagesAsync("three", 3);
        await images.GenerateImageAsync("one");

        three.Count.ShouldBe(3);
        var expected = 4 * 0.04m;
        var balance = 10m;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline && balance != 10m - expected; await Task.Delay(50))
            balance = await admin.BalanceAsync(user);
        balance.ShouldBe(10m - expected);
        var database = gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString;
        var debits = (await Ledger.DebitsAsync(database)).Values.Select(debit => (debit.Rows, debit.Amount)).OrderBy(debit => debit.Amount).ToList();
        debits.ShouldBe([(1L, -0.12m), (1L, -0.04m)]);
    }
}
