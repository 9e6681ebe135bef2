using System.Globalization;
using System.Text;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.Privacy;
using OnePlace.Core.Staff;
using OnePlace.Core.Tests.Finance;
using OnePlace.Testing;
using OnePlace.Testing.Hostile;

namespace OnePlace.Core.Tests.Import;

/// <summary>
/// A bounded fuzz run of every file importer: seeded mutations of a valid file (<see cref="SeededMutator"/>) are fed to
/// the real importer against a real store. Each input must be accepted cleanly or refused with the importer's own error
/// report (line and reason), never an exception, and a refused input must change nothing in the store (docs/adr/0002).
/// The seed and counts are fixed, and printed, so that a failure replays exactly.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;

    [Fact]
    public async Task Mutated_partner_extracts_are_imported_cleanly_or_refused_with_a_report_and_no_change()
    {
        const int Cases = 300;
        await using var store = await TestStore.CreateAsync();
        using var valid = ValidExtract();
        string source = valid.Write();
        var files = ExtractLayout.ImportOrder().Where(f => File.Exists(Path.Combine(source, f))).ToList();
        var mutator = new SeededMutator(Seed);
        var pick = new Random(Seed);
        int accepted = 0, refused = 0;
        var current = await StoreFingerprint.TakeAsync(store);
        for (int i = 0; i < Cases; i++)
        {
            string file = files[pick.Next(files.Count)];
            string folder = Path.Combine(Path.GetTempPath(), "oneplace-fuzz-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var f in files)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, f))!);
                    var bytes = await File.ReadAllBytesAsync(Path.Combine(source, f), TestContext.Current.CancellationToken);
                    await File.WriteAllBytesAsync(Path.Combine(folder, f), f == file ? mutator.Mutate(bytes) : bytes, TestContext.Current.CancellationToken);
                }

                ImportResult result;
                await using (var db = store.Open())
                {
                    result = await Case(i, file, () => new ExtractImporter(db).ImportFolderAsync(folder, "fuzz", cancellationToken: TestContext.Current.CancellationToken));
                }

                var after = await StoreFingerprint.TakeAsync(store);
                if (result.Succeeded)
                {
                    accepted++;
                    current = after;
                }
                else
                {
                    refused++;
                    Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
                    Assert.True(after.DifferencesFrom(current).Count == 0,
                        $"case {i} ({file}) was refused but changed the store: {string.Join("; ", after.DifferencesFrom(current))}");
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Report("partner extracts", Cases, accepted, refused);
        Assert.True(refused > 0 && accepted + refused == Cases);
    }

    [Fact]
    public async Task Mutated_opt_out_lists_are_imported_cleanly_or_refused_with_a_report_and_no_change()
    {
        const int Cases = 600;
        await using var store = await TestStore.CreateAsync();
        var steward = new StaffActor("steward", "steward@partnership.test", [StaffRoles.DataSteward]);
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var valid = Encoding.UTF8.GetBytes("nhs_number\n" + string.Join("\n", Enumerable.Range(1, 20).Select(n => TestNhsNumbers.Number(n) + ",")) + "\n");
        var mutator = new SeededMutator(Seed);
        int accepted = 0, refused = 0;
        var current = await StoreFingerprint.TakeAsync(store);
        for (int i = 0; i < Cases; i++)
        {
            var bytes = mutator.Mutate(valid);
            OptOutImportResult result;
            await using (var db = store.Open())
            {
                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                result = await Case(i, "opt-outs", () => new ImportOptOuts(db, new AuditWriter(db, clock), clock)
                    .ImportAsync(steward, "opt-outs.dat", reader, new DateOnly(2026, 1, 9), TestContext.Current.CancellationToken));
            }

            var after = await StoreFingerprint.TakeAsync(store);
            if (result.Succeeded)
            {
                accepted++;
                current = after;
            }
            else
            {
                refused++;
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
                Assert.True(after.DifferencesFrom(current).Count == 0, $"case {i} was refused but changed the store: {string.Join("; ", after.DifferencesFrom(current))}");
            }
        }

        Report("opt-out lists", Cases, accepted, refused);
        Assert.True(refused > 0 && accepted > 0);
    }

    [Fact]
    public async Task Mutated_pooled_fund_actuals_are_imported_cleanly_or_refused_with_a_report_and_no_change()
    {
        const int Cases = 500;
        await using var store = await TestStore.CreateAsync();
        var (setup, clock, agreement) = await new PooledFundBuilder().BuildAsync(store);
        await setup.DisposeAsync();
        var valid = Encoding.UTF8.GetBytes("""
            scheme,partner,month,amount
            REABLE,COUNCIL,2019-04,5000.00
            REABLE,COUNCIL,2019-05,5100.50
            UCR,CCG,2019-04,3000.00
            UCR,,2019-05,-250.25
            CHC,CCG,2019-06,1000
            """ + "\n");
        var mutator = new SeededMutator(Seed);
        var replace = new Random(Seed);
        int accepted = 0, refused = 0;
        var current = await StoreFingerprint.TakeAsync(store);
        for (int i = 0; i < Cases; i++)
        {
            var bytes = mutator.Mutate(valid);
            ActualsImportResult result;
            await using (var db = store.Open())
            {
                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                bool replacing = replace.Next(2) == 0;
                result = await Case(i, "actuals", () => new ImportActuals(db, new AuditWriter(db, clock), clock)
                    .ImportAsync(PooledFundBuilder.Finance, agreement, "actuals.csv", reader, replacing, TestContext.Current.CancellationToken));
            }

            var after = await StoreFingerprint.TakeAsync(store);
            if (result.Succeeded)
            {
                accepted++;
                current = after;
            }
            else
            {
                refused++;
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
                Assert.True(after.DifferencesFrom(current).Count == 0, $"case {i} was refused but changed the store: {string.Join("; ", after.DifferencesFrom(current))}");
            }
        }

        Report("pooled fund actuals", Cases, accepted, refused);
        Assert.True(refused > 0 && accepted > 0);
    }

    /// <summary>Runs one case; an exception is a failure that names the seed and case so that it can be replayed.</summary>
    private static async Task<T> Case<T>(int number, string what, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
#pragma warning disable CA1031 // any exception at all is the finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            Assert.Fail($"seed {Seed}, case {number} ({what}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            throw;
        }
    }

    private void Report(string what, int cases, int accepted, int refused) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {what}: seed {Seed}, {cases} cases, {accepted} accepted, {refused} refused, 0 exceptions"));

    /// <summary>Every file of the format with a few rows each, so that mutations reach every parser path.</summary>
    private static ExtractFolderBuilder ValidExtract()
    {
        var folder = new ExtractFolderBuilder().WithGeography()
            .Row(ExtractLayout.Services, "UCR", "Urgent community response", "community", "urgent_community_response")
            .Row(ExtractLayout.Teams, "UCR-N", "North urgent community response", "UCR", "N")
            .Row(ExtractLayout.Practices, "M12345", "Pleck Health Centre", "N", "WS1 1AA");
        for (int n = 1; n <= 6; n++)
        {
            string id = n.ToString(CultureInfo.InvariantCulture);
            folder.WithPerson(Partner.Gp, "GP" + id, TestNhsNumbers.Number(n), given: "Given" + id, family: "Family" + id, practice: "M12345")
                .WithPerson(Partner.Hospital, "H" + id, n % 2 == 0 ? TestNhsNumbers.Number(n) : "", given: "Given" + id, family: "Family" + id)
                .WithPerson(Partner.Council, "C" + id, "", given: "Given" + id, family: "Family" + id)
                .WithEvent(Partner.Gp, "GE" + id, "GP" + id, "gp_contact", "2025-01-0" + id, code: "F2F", cost: "42.00")
                .WithEvent(Partner.Hospital, "HE" + id, "H" + id, "emergency_admission", "2025-02-01", "2025-02-0" + id, destination: "19", cost: "5395.00")
                .WithEvent(Partner.Council, "CE" + id, "C" + id, "home_care_package", "2025-03-01", hours: "10.5")
                .WithCondition("GP" + id, "EFI17", "2020-06-01");
        }

        return folder;
    }
}
