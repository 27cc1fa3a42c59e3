using Gatewayz.Api.Auth;
using Shouldly;

namespace Gatewayz.Tests.Gateway;

/// <summary>The allocation-free key hash keeps the stored hex form and compares by digest.</summary>
public sealed class ApiKeyHashTests
{
    [Fact]
    public void Hex_is_the_lowercase_sha256_of_the_key()
    {
        var hash = ApiKeyHash.Of("abc");

        hash.Hex.ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        hash.ShortId.ShouldBe("ba7816bf8f01");
    }

    [Fact]
    public void A_hash_read_back_from_its_hex_equals_the_hash_of_the_key()
    {
        var hash = ApiKeyHash.Of("gwz_live_example");

        ApiKeyHash.FromHex(hash.Hex).ShouldBe(hash);
        ApiKeyHash.FromHex(hash.Hex).GetHashCode().ShouldBe(hash.GetHashCode());
        ApiKeyHash.Of("gwz_live_example2").ShouldNotBe(hash);
    }

    [Theory]
    [InlineData("ba7816bf")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Hex_that_is_not_a_sha256_is_rejected(string hex) => Should.Throw<FormatException>(() => ApiKeyHash.FromHex(hex));
}
