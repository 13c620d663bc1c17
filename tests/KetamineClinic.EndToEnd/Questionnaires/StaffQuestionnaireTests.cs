using KetamineClinic.Web.Platform;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd.Questionnaires;

[Collection(SharedServerCollection.Name)]
public sealed class StaffQuestionnaireTests(ClinicServer server)
{
    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public async Task GivenANurseOnTheChart_WhenGivingAPhq9_ThenTheTotalAndBandShowAndTheResultJoinsTheRecentList()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Nurse);
        await page.GotoStaffPageAsync($"/patients/{server.FeaturedPatientId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Questionnaires" }).ClickAsync();
        await page.ClickAsync("[data-testid=administer-phq-9]");
        for (var item = 1; item <= 9; item++)
        {
            // Options 0..3 in order: items 1-8 "Several days" (1), item 9 "Not at all" (0).
            await page.Locator($"[data-testid=administer-item-{item}] input[type=radio]").Nth(item <= 8 ? 1 : 0).CheckAsync();
        }
        await page.ClickAsync("[data-testid=administer-submit]");

        await Expect(page.Locator("[data-testid=administer-result]")).ToContainTextAsync("PHQ-9: total 8 (Mild).");
        await Expect(page.Locator("[data-testid=recent-questionnaires]")).ToContainTextAsync("8 Mild");
        await page.Context.CloseAsync();
    }
}
