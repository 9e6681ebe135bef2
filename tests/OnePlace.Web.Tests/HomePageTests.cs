using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed class HomePageTests
{
    [Fact]
    public async Task Signed_in_coordinator_sees_the_boroughs_key_counts()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var html = await browser.GetPageAsync("/");

        Assert.Contains("<h1>The borough at a glance</h1>", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"people\">3<", html, StringComparison.Ordinal);
        // Margaret Oakes is known to all five partners, Oakley to the GP, Smith to the GP and hospital; one unlinked record.
        Assert.Contains("data-count=\"records\">9<", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"awaiting-linkage\">1<", html, StringComparison.Ordinal);
        Assert.Matches("data-partner=\"gp\">\\s*<th[^>]*>GP practice</th>\\s*<td[^>]*data-count=\"records\">3<", html);
        Assert.Matches("data-partner=\"hospital\">\\s*<th[^>]*>Hospital</th>\\s*<td[^>]*data-count=\"records\">3<", html);
        Assert.Matches("data-partner=\"council\">\\s*<th[^>]*>Adult social care</th>\\s*<td[^>]*data-count=\"records\">1<", html);
        Assert.Contains(">North</th>", html, StringComparison.Ordinal);
        Assert.Contains(">South</th>", html, StringComparison.Ordinal);
        Assert.Contains("Sign out", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_sees_the_counts_but_no_way_to_find_a_person()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.Analyst);

        var html = await browser.GetPageAsync("/");

        Assert.Contains("data-count=\"people\">3<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/people\"", html, StringComparison.Ordinal);
    }
}
