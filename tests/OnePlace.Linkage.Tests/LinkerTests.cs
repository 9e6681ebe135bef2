using OnePlace.Linkage.Evaluation;

namespace OnePlace.Linkage.Tests;

public sealed class LinkerTests
{
    private static readonly PopulationBuilder Population = PopulationBuilder.Build(600);

    private static int ClusterOf(LinkageResult result, string recordId) =>
        result.ClusterOfRecord[result.Records.ToList().FindIndex(r => r.RecordId == recordId)];

    [Fact]
    public void A_small_population_is_linked_with_no_false_merges_and_few_missed_links()
    {
        var result = Linker.Link(Population.Records);

        var accuracy = ClusterAccuracy.Measure(result.ClusterOfRecord, Population.Truth);
        Assert.Equal(1.0, accuracy.PairwisePrecision);
        Assert.True(accuracy.PairwiseRecall > 0.97, $"recall {accuracy.PairwiseRecall}");
        Assert.True(result.Model.EmConverged);
    }

    [Fact]
    public void Council_records_without_an_NHS_number_join_their_GP_record_through_a_nickname()
    {
        var result = Linker.Link(Population.Records);

        var nicknamed = Population.Records.First(r => r.Source == "council" && r.GivenName is "peggy" or "bill" or "bob");
        string gp = "gp-" + nicknamed.RecordId["council-".Length..];
        Assert.Equal(ClusterOf(result, gp), ClusterOf(result, nicknamed.RecordId));
    }

    [Fact]
    public void Two_different_valid_NHS_numbers_are_never_joined_however_alike_the_rest()
    {
        var gp = Population.Records[0];
        int counter = 900_000;
        var twin = gp with { RecordId = "hospital-x", Source = "hospital", NhsNumber = PopulationBuilder.NextNhsNumber(ref counter) };
        var records = Population.Records.Append(twin).ToList();

        var result = Linker.Link(records);

        Assert.NotEqual(ClusterOf(result, gp.RecordId), ClusterOf(result, twin.RecordId));
        for (int c = 0; c < result.ClusterCount; c++)
        {
            var numbers = Enumerable.Range(0, records.Count).Where(i => result.ClusterOfRecord[i] == c)
                .Select(i => records[i].NhsNumber).OfType<string>().Distinct().ToList();
            Assert.True(numbers.Count <= 1, $"cluster {c} holds {string.Join(", ", numbers)}");
        }
    }

    [Fact]
    public void New_records_join_existing_people_without_renumbering_anyone()
    {
        var first = Linker.Link(Population.Records);
        var existing = Enumerable.Range(0, Population.Records.Count)
            .ToDictionary(i => Population.Records[i].RecordId, i => $"person-{first.ClusterOfRecord[i]}");
        var late = Population.Records[0] with { RecordId = "voluntary-0", Source = "voluntary", NhsNumber = null, Postcode = null };

        var second = Linker.Link([.. Population.Records, late], new LinkageOptions { ExistingPeople = existing });

        for (int i = 0; i < Population.Records.Count; i++)
        {
            Assert.Equal(existing[Population.Records[i].RecordId], second.ExistingPersonOfCluster[second.ClusterOfRecord[i]]);
        }

        Assert.Equal(existing[Population.Records[0].RecordId], second.ExistingPersonOfCluster[ClusterOf(second, "voluntary-0")]);
    }

    [Fact]
    public void A_provisional_person_joins_the_existing_person_who_was_known_without_an_NHS_number()
    {
        // The council held someone first, with no NHS number; their GP and hospital records arrive later in one load
        // and were given a provisional person on their NHS number. The run puts them all with the existing person.
        var council = Population.Records.First(r => r.Source == "council");
        string number = council.RecordId["council-".Length..];
        var existing = new Dictionary<string, string> { [council.RecordId] = "known" };
        var provisional = new Dictionary<string, string> { ["gp-" + number] = "new", ["hospital-" + number] = "new" };

        var result = Linker.Link(Population.Records, new LinkageOptions { ExistingPeople = existing, ProvisionalPeople = provisional });

        Assert.Equal("known", result.ExistingPersonOfCluster[ClusterOf(result, "gp-" + number)]);
        Assert.Equal(ClusterOf(result, council.RecordId), ClusterOf(result, "hospital-" + number));
        Assert.DoesNotContain("new", result.ExistingPersonOfCluster);
    }

    [Fact]
    public void A_run_never_merges_two_existing_people_but_offers_them_for_review()
    {
        // The same person held as two people (say, before linkage existed): the run keeps them apart and queues the pair.
        var existing = new Dictionary<string, string> { ["gp-0"] = "first", ["hospital-0"] = "second" };

        var result = Linker.Link(Population.Records, new LinkageOptions { ExistingPeople = existing });

        int gp = ClusterOf(result, "gp-0"), hospital = ClusterOf(result, "hospital-0");
        Assert.NotEqual(gp, hospital);
        Assert.Contains(result.ReviewPairs, p => new[] { result.ClusterOfRecord[p.A], result.ClusterOfRecord[p.B] }.Order().SequenceEqual(new[] { gp, hospital }.Order()));
    }

    [Fact]
    public void A_stewards_not_a_match_keeps_records_apart_and_a_match_joins_them()
    {
        var council = Population.Records.First(r => r.Source == "council");
        string gp = "gp-" + council.RecordId["council-".Length..];
        string otherGp = Population.Records.First(r => r.Source == "gp" && r.RecordId != gp).RecordId;

        var result = Linker.Link(Population.Records, new LinkageOptions
        {
            Decisions = [new PairDecision(council.RecordId, gp, IsMatch: false), new PairDecision(council.RecordId, otherGp, IsMatch: true)],
        });

        Assert.NotEqual(ClusterOf(result, gp), ClusterOf(result, council.RecordId));
        Assert.Equal(ClusterOf(result, otherGp), ClusterOf(result, council.RecordId));
    }

    [Fact]
    public void Every_linked_record_is_explained_field_by_field_and_the_weights_add_up()
    {
        var result = Linker.Link(Population.Records);

        for (int i = 0; i < result.Records.Count; i++)
        {
            bool alone = result.ClusterOfRecord.Count(c => c == result.ClusterOfRecord[i]) == 1;
            var why = result.WhyLinked(i);
            if (alone)
            {
                Assert.Null(why);
                continue;
            }

            Assert.NotNull(why);
            Assert.True(why.A == i || why.B == i);
            Assert.Equal(why.MatchWeight, why.PriorWeight + why.Contributions.Sum(c => c.Weight), 6);
            Assert.All(why.Contributions.Where(c => c.Level == "missing"), c => Assert.Equal(0, c.Weight));
        }
    }

    [Fact]
    public void The_same_input_always_gives_the_same_people()
    {
        var a = Linker.Link(Population.Records);
        var b = Linker.Link(Population.Records, new LinkageOptions { MaxDegreeOfParallelism = 1 });

        Assert.Equal(a.ClusterOfRecord, b.ClusterOfRecord);
        Assert.Equal(a.Model.Lambda, b.Model.Lambda);
    }

    [Fact]
    public void A_record_id_given_twice_is_refused()
    {
        var records = new[] { new LinkRecord("x", "gp") { GivenName = "Ann" }, new LinkRecord("x", "council") { GivenName = "Ann" } };

        var error = Assert.Throws<ArgumentException>(() => Linker.Link(records));
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }
}
