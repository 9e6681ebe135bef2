using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Spa.Bench;

/// <summary>
/// Who the benchmark acts as: a registered API client (a GP system) that sends the referrals, and a team manager of
/// the measured team who reads its worklist. Both are made through the product's own code paths
/// (<see cref="ApiClientRegistry.RegisterAsync"/>, ASP.NET Core Identity's <see cref="UserManager{TUser}"/>), as
/// the tests do; they live only in the benchmark's throwaway store.
/// </summary>
internal sealed record Credentials(string ClientId, string ClientSecret, string Email, string Password, string Team)
{
    public const string ClientName = "spa-bench";

    public static async Task<Credentials> CreateAsync(StoreSettings store, string team)
    {
        string secret;
        await using (var db = StoreRegistration.Open(store))
        {
            var registry = new ApiClientRegistry(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System);
            secret = await registry.RegisterAsync("bench", ClientName, "SPA benchmark GP system", "Benchmark Health Centre");
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [store.IsPostgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = store.ConnectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOnePlaceStore(configuration);
        services.AddIdentityCore<StaffUser>(o => o.Password.RequiredLength = 12)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OnePlaceDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(StaffRoles.TeamManager))
        {
            Check(await roles.CreateAsync(new IdentityRole(StaffRoles.TeamManager)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        string email = $"manager.{team.ToLowerInvariant()}@bench.test";
        string password = "Bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Benchmark team manager", TeamCode = team };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, StaffRoles.TeamManager));
        return new Credentials(ClientName, secret, email, password, team);
    }

    /// <summary>The size of the loaded borough, for the report: the tables person matching and routing read.</summary>
    public static async Task<string> DescribeAsync(StoreSettings store, string storeName)
    {
        await using var db = StoreRegistration.Open(store);
        int people = await db.People.CountAsync(), records = await db.SourceRecords.CountAsync(), events = await db.Events.CountAsync();
        int postcodes = await db.Postcodes.CountAsync(), teams = await db.Teams.CountAsync(), referrals = await db.Referrals.CountAsync();
        return FormattableString.Invariant(
            $"Store {storeName} at the start of each run: {people:N0} people, {records:N0} source records, {events:N0} events, {postcodes:N0} postcodes, {teams} teams, {referrals} referrals.");
    }

    public void Save(string path) => File.WriteAllLines(path,
        [$"client_id={ClientId}", $"client_secret={ClientSecret}", $"email={Email}", $"password={Password}", $"team={Team}"]);

    public static Credentials Load(string path)
    {
        var values = File.ReadAllLines(path).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new Credentials(values["client_id"], values["client_secret"], values["email"], values["password"], values["team"]);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
