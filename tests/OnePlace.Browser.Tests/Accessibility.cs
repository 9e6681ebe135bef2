using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OnePlace.Browser.Tests;

/// <summary>The accessibility check every journey makes on each page it reaches.</summary>
internal static class Accessibility
{
    /// <summary>No axe-core violation of impact serious or critical (WCAG 2.2 A and AA rules, and axe's best practice).</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"The {what} has accessibility violations:{Environment.NewLine}" + string.Join(Environment.NewLine,
            serious.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
