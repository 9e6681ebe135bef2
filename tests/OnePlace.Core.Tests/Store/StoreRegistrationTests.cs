using Npgsql;
using OnePlace.Core.Store;

namespace OnePlace.Core.Tests.Store;

public sealed class StoreRegistrationTests
{
    [Fact]
    public void PostgreSQL_statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        var chosen = new NpgsqlConnectionStringBuilder(StoreRegistration.WithAutoPrepare("Host=127.0.0.1;Database=oneplace"));
        Assert.Equal(64, chosen.MaxAutoPrepare);
        Assert.Equal(2, chosen.AutoPrepareMinUsages);
        Assert.Equal("oneplace", chosen.Database);

        var told = new NpgsqlConnectionStringBuilder(StoreRegistration.WithAutoPrepare("Host=127.0.0.1;Database=oneplace;Max Auto Prepare=0"));
        Assert.Equal(0, told.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=oneplace")]
    [InlineData("Host=localhost;Port=5432;Database=oneplace")]
    [InlineData("Host=::1;Database=oneplace")]
    [InlineData("Host=/var/run/postgresql;Database=oneplace")]
    public void A_store_on_this_machine_is_left_as_configured(string connectionString) =>
        Assert.Equal(connectionString, StoreSettings.WithVerifiedTls(connectionString));

    [Fact]
    public void A_remote_store_is_reached_over_tls_with_its_certificate_checked()
    {
        var chosen = new NpgsqlConnectionStringBuilder(StoreSettings.WithVerifiedTls("Host=db.partnership.example;Database=oneplace"));
        Assert.Equal(SslMode.VerifyFull, chosen.SslMode);

        Assert.Equal(SslMode.VerifyCA, new NpgsqlConnectionStringBuilder(
            StoreSettings.WithVerifiedTls("Host=10.1.2.3;Database=oneplace;SSL Mode=VerifyCA")).SslMode);

        // One remote host among several is enough for the rule to apply.
        Assert.Equal(SslMode.VerifyFull, new NpgsqlConnectionStringBuilder(
            StoreSettings.WithVerifiedTls("Host=127.0.0.1,db.partnership.example;Database=oneplace")).SslMode);
    }

    [Theory]
    [InlineData("Disable")]
    [InlineData("Prefer")]
    [InlineData("Require")]
    public void A_remote_store_without_a_certificate_check_is_refused(string mode)
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            StoreSettings.WithVerifiedTls($"Host=db.partnership.example;Database=oneplace;SSL Mode={mode}"));
        Assert.Contains("VerifyFull", refused.Message, StringComparison.Ordinal);
        Assert.Contains("db.partnership.example", refused.Message, StringComparison.Ordinal);
    }
}
