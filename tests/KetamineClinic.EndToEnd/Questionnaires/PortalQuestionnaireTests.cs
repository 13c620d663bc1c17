using KetamineClinic.Domain.Safety;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Questionnaires;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd.Questionnaires;

[Collection(SharedServerCollection.Name)]
public sealed class PortalQuestionnaireTests(ClinicServer server)
{
    [Fact]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    public async Task GivenAPatientOnAPhone_WhenTheyAnswerPhq9Item9AboveZero_ThenThe988CrisisResourcesAndSafetyPlanShowAtOnceAndAFlagIsRaised()
    {
        var page = await server.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.SignInAsAsync(ClinicRoles.Patient);

        await page.ClickAsync("[data-testid=nav] a:has-text('Questionnaires')");
        await page.ClickAsync("[data-testid=start-phq-9]");
        for (var item = 1; item <= 8; item++)
        {
            await page.CheckAsync($"input[name=item-{item}][value='{(item <= 2 ? 1 : 0)}']");
        }
        await page.CheckAsync("input[name=item-9][value='2']");
        await page.ClickAsync("[data-testid=submit-answers]");

        var crisis = page.Locator("[data-testid=crisis-resources]");
        await Expect(crisis).ToBeVisibleAsync();
        await Expect(crisis).ToContainTextAsync("988");
        await Expect(page.Locator("[data-testid=call-988]")).ToHaveAttributeAsync("href", "tel:988");
        await Expect(page.Locator("[data-testid=safety-plan] li")).ToHaveCountAsync(6);
        await using var db = server.Factory.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext();
        var flag = await db.PatientFlags.SingleAsync(f => f.PatientId == server.Clinic.PortalPatientId && f.Kind == FlagKind.SuicideRisk && f.ClearedAt == null, TestContext.Current.CancellationToken);
        Assert.True(flag.SuicideRiskLevel >= SuicideRiskLevel.SI1);
        var stored = await db.Set<InstrumentResponse>().Where(r => r.PatientId == server.Clinic.PortalPatientId && r.InstrumentId == "phq-9")
            .OrderByDescending(r => r.RecordedAt).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal((ResponseSource.PatientPortal, (int?)4, SuicideRiskLevel.SI1), (stored.Source, stored.Total, stored.SuicideRiskLevel));
        await page.Context.CloseAsync();
    }

    [Fact]
    [Trait("Rule", "CSSRS-04")]
    public async Task GivenTheCssrsScreener_WhenQuestion2IsYes_ThenItsFollowUpsAppearAndAllNoEndsWithAThankYouWithoutTheCrisisPanel()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Patient);
        await page.GotoAsync("/portal/questionnaires/cssrs-screener-recent");

        await Expect(page.Locator("[data-testid=item-3]")).ToBeHiddenAsync();
        await page.CheckAsync("input[name=item-2][value='1']");
        await Expect(page.Locator("[data-testid=item-3]")).ToBeVisibleAsync();
        await page.CheckAsync("input[name=item-3][value='1']");
        // Changing question 2 back to No hides its follow-ups; the hidden answer is not sent as given.
        await page.CheckAsync("input[name=item-2][value='0']");
        await Expect(page.Locator("[data-testid=item-3]")).ToBeHiddenAsync();
        await page.CheckAsync("input[name=item-1][value='0']");
        await page.CheckAsync("input[name=item-6][value='0']");
        await page.ClickAsync("[data-testid=submit-answers]");

        await Expect(page.Locator("[data-testid=thank-you]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=crisis-resources]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
