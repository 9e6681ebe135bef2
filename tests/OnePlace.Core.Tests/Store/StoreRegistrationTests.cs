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
}
