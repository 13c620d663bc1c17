using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Questionnaires;
using KetamineClinic.Web.Platform;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Questionnaires.QuestionnaireTestKit;

namespace KetamineClinic.Web.Tests.Questionnaires;

public sealed class SuicideRiskAlertsTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly StaffActor NurseActor = new(Guid.Parse("00000000-0000-0000-0000-00000000c001"), "nurse@test.clinic", [ClinicRoles.Nurse]);
    private static readonly StaffActor FrontDeskActor = new(Guid.Parse("00000000-0000-0000-0000-00000000c002"), "frontdesk@test.clinic", [ClinicRoles.FrontDesk]);

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Vector", "TV-68")]
    [Trait("Rule", "QIDS-SAFETY-01")]
    public async Task GivenQidsItem12Of3_WhenSubmitted_ThenTheSiteAndChartShowAnSi2AlertUntilANurseAcknowledgesIt(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);
        var alerts = app.Services.GetRequiredService<SuicideRiskAlerts>();
        var accepted = Assert.IsType<InstrumentSubmissionResult.Accepted>(await Handler(app).SubmitAsync(
            Submission(patient, InstrumentIds.QidsSr16, Items(1, 1, 0, 0, 2, 1, 0, 0, 0, 2, 2, 3, 2, 2, 1, 0)), Ct));

        var site = await alerts.OpenForSiteAsync(app.Clinic.Riverside.Id, Ct);
        var chart = await alerts.ForPatientAsync(patient, 10, Ct);
        var alert = Assert.Single(site, a => a.PatientId == patient);
        var refused = await alerts.AcknowledgeAsync(alert.Id, FrontDeskActor, Ct);
        var done = await alerts.AcknowledgeAsync(alert.Id, NurseActor, Ct);
        var again = await alerts.AcknowledgeAsync(alert.Id, NurseActor, Ct);

        Assert.Equal((16, SuicideRiskLevel.SI2), (accepted.Total, accepted.SuicideRiskLevel));
        Assert.Contains(accepted.RequiredActions, a => a.Kind == SafetyActionKind.CssrsScreener && a.Description.Contains("mandatory", StringComparison.Ordinal));
        Assert.Equal((SuicideRiskLevel.SI2, "QIDS-SAFETY-01"), (alert.Level, alert.Rules));
        Assert.Contains(alert.RequiredActions, a => a.Contains("72 h", StringComparison.Ordinal));
        Assert.Equal((1, 16, "Severe"), (chart.OpenAlerts.Count, chart.Recent[0].Total ?? -1, chart.Recent[0].BandDisplay));
        Assert.Equal((AcknowledgeAlertResult.NotAllowed, AcknowledgeAlertResult.Done, AcknowledgeAlertResult.AlreadyAcknowledged), (refused, done, again));
        Assert.DoesNotContain(await alerts.OpenForSiteAsync(app.Clinic.Riverside.Id, Ct), a => a.PatientId == patient);
        var events = await AuditQueries.SinceAsync(app.Services, 0);
        Assert.Contains(events, e => e.PatientId == patient && e.ResourceType == "SuicideRiskAlert" && e.Action == "update" && e.UserName == "nurse@test.clinic");
    }
}
