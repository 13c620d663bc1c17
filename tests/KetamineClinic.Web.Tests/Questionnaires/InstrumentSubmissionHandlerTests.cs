using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Questionnaires.QuestionnaireTestKit;

namespace KetamineClinic.Web.Tests.Questionnaires;

public sealed class InstrumentSubmissionHandlerTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Vector", "TV-04")]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    public async Task GivenPhq9WithItem9Positive_WhenSubmitted_ThenScoredStoredAndSi1FlagAlertAndAuditInOneCommit(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        var result = await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Phq9, Items(3, 3, 2, 2, 2, 1, 1, 1, 1)), Ct);

        var accepted = Assert.IsType<InstrumentSubmissionResult.Accepted>(result);
        Assert.Equal((16, "moderately-severe", ResponseOutcome.Scored, SuicideRiskLevel.SI1), (accepted.Total, accepted.Band?.Code, accepted.Outcome, accepted.SuicideRiskLevel));
        Assert.Contains(accepted.RequiredActions, a => a.Kind == SafetyActionKind.Show988);
        Assert.False(accepted.Replayed);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext();
        var stored = await db.Set<InstrumentResponse>().Include(r => r.Answers).SingleAsync(r => r.Id == accepted.ResponseId, Ct);
        Assert.Equal((16, "PHQ9-SAFETY-01", "spec-0.2-defaults", 9), (stored.Total, stored.SuicideRiskRules, stored.ProtocolVersion, stored.Answers.Count));
        var flag = await db.PatientFlags.SingleAsync(f => f.PatientId == patient && f.Kind == FlagKind.SuicideRisk, Ct);
        Assert.Equal((SuicideRiskLevel.SI1, "PHQ9-SAFETY-01", FlagPriority.Normal), (flag.SuicideRiskLevel, flag.RuleId, flag.Priority));
        var alert = await db.Set<SuicideRiskAlert>().SingleAsync(a => a.PatientId == patient, Ct);
        Assert.Equal((SuicideRiskLevel.SI1, accepted.ResponseId, true), (alert.Level, alert.ResponseId, alert.IsOpen));
        var events = await AuditQueries.SinceAsync(app.Services, before);
        Assert.Equal(["InstrumentResponse", "PatientFlag", "SuicideRiskAlert"], events.Where(e => e.PatientId == patient).Select(e => e.ResourceType).Order(StringComparer.Ordinal));
        Assert.All(events.Where(e => e.PatientId == patient), e => Assert.Equal("nurse@test.clinic", e.UserName));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Vector", "TV-50")]
    [Trait("Rule", "CSSRS-VAL-01")]
    public async Task GivenCssrsBranchingViolationOrOutOfRangePhq9_WhenSubmitted_ThenInvalidWithItemMessagesAndNothingStored(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);

        var cssrs = await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.CssrsRecent, YesNo(("1", true), ("2", false), ("3", true), ("6", false))), Ct);
        var phq9 = await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Phq9, Items(0, 0, 0, 0, 0, 0, 0, 0, 4)), Ct);

        var branching = Assert.Single(Assert.IsType<InstrumentSubmissionResult.Invalid>(cssrs).Errors);
        Assert.Equal(("CSSRS-VAL-01", "3", ValidationProblem.BranchingViolation), (branching.Rule.Value, branching.ItemLinkId, branching.Problem));
        var range = Assert.Single(Assert.IsType<InstrumentSubmissionResult.Invalid>(phq9).Errors);
        Assert.Equal(("9", ValidationProblem.OutOfRange), (range.ItemLinkId, range.Problem));
        Assert.Equal((0, 0, 0), await CountsAsync(app, patient));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Vector", "TV-47")]
    [Trait("Rule", "CSSRS-01")]
    public async Task GivenSi1FlagThenCssrsHigh_WhenSubmitted_ThenTheActiveFlagIsRaisedToSi3HighPriorityAndASecondAlertOpens(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);
        await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Phq9, Items(0, 0, 0, 0, 0, 0, 0, 0, 2)), Ct);

        var result = await Handler(app).SubmitAsync(
            Submission(patient, InstrumentIds.CssrsRecent, YesNo(("1", true), ("2", true), ("3", true), ("4", true), ("5", false), ("6", false))), Ct);

        var accepted = Assert.IsType<InstrumentSubmissionResult.Accepted>(result);
        Assert.Equal((ResponseOutcome.Triaged, CssrsRiskLevel.High, SuicideRiskLevel.SI3, (int?)null), (accepted.Outcome, accepted.CssrsRisk, accepted.SuicideRiskLevel, accepted.Total));
        Assert.Contains(accepted.RequiredActions, a => a.Kind == SafetyActionKind.MedicalDirectorTask);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext();
        var flag = await db.PatientFlags.SingleAsync(f => f.PatientId == patient && f.Kind == FlagKind.SuicideRisk, Ct);
        Assert.Equal((SuicideRiskLevel.SI3, "CSSRS-01", FlagPriority.High), (flag.SuicideRiskLevel, flag.RuleId, flag.Priority));
        Assert.Equal((2, 1, 2), await CountsAsync(app, patient));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Vector", "TV-51")]
    [Trait("Rule", "CSSRS-04")]
    public async Task GivenAllNoCssrsAndAGad7_WhenSubmitted_ThenNoFlagNoAlertAndTheSameDayLookUpFindsTheLatest(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);
        var cssrs = Assert.IsType<InstrumentSubmissionResult.Accepted>(await Handler(app).SubmitAsync(
            Submission(patient, InstrumentIds.CssrsRecent, YesNo(("1", false), ("2", false), ("6", false))), Ct));
        await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Gad7, Items(1, 1, 1, 1, 0, 1, 2)), Ct);
        var later = Assert.IsType<InstrumentSubmissionResult.Accepted>(await Handler(app).SubmitAsync(
            Submission(patient, InstrumentIds.Gad7, Items(1, 0, 0, 1, 0, 1, 1)) with { AnsweredAt = DateTimeOffset.UtcNow }, Ct));

        var sameDay = app.Services.GetRequiredService<SameDayInstruments>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var gad7 = await sameDay.LatestAsync(patient, InstrumentIds.Gad7, today, Ct);
        var screener = await sameDay.LatestCssrsAsync(patient, today, Ct);
        var phq9 = await sameDay.LatestAsync(patient, InstrumentIds.Phq9, today, Ct);
        var yesterday = await sameDay.LatestAsync(patient, InstrumentIds.Gad7, today.AddDays(-2), Ct);

        Assert.Equal((CssrsRiskLevel.None, SuicideRiskLevel.None), (cssrs.CssrsRisk, cssrs.SuicideRiskLevel));
        Assert.Equal((later.ResponseId, (int?)4, "minimal", ResponseSource.Staff), (gad7?.ResponseId, gad7?.Total, gad7?.BandCode, gad7?.Source));
        Assert.Equal((CssrsRiskLevel.None, SuicideRiskLevel.None), (screener?.CssrsRisk, screener?.SuicideRiskLevel));
        Assert.Null(phq9);
        Assert.Null(yesterday);
        Assert.Equal((3, 0, 0), await CountsAsync(app, patient));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Vector", "TV-92")]
    public async Task GivenIncompleteCssrs_WhenSubmitted_ThenStoredIncompleteAndTreatedAsHighSi3(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);

        var result = await Handler(app).SubmitAsync(
            Submission(patient, InstrumentIds.CssrsRecent, YesNo(("1", true), ("2", true), ("3", true), ("5", false), ("6", false))), Ct);

        var accepted = Assert.IsType<InstrumentSubmissionResult.Accepted>(result);
        Assert.Equal((ResponseOutcome.Incomplete, SuicideRiskLevel.SI3, "4"), (accepted.Outcome, accepted.SuicideRiskLevel, accepted.Missing[0].LinkId));
        Assert.Equal((1, 1, 1), await CountsAsync(app, patient));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheSameIdentifierTwice_WhenSubmitted_ThenOneResponseAndTheSecondIsAReplay(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patient = await NewPatientAsync(app);
        var id = new SubmissionIdentifier("urn:example:app", "qr-" + Guid.NewGuid().ToString("N"));

        var first = Assert.IsType<InstrumentSubmissionResult.Accepted>(await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Phq9, Items(2, 2, 1, 1, 1, 1, 1, 1, 0), id), Ct));
        var second = Assert.IsType<InstrumentSubmissionResult.Accepted>(await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Phq9, Items(2, 2, 1, 1, 1, 1, 1, 1, 0), id), Ct));
        var other = await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Gad7, Items(0, 0, 0, 0, 0, 0, 0), id), Ct);

        Assert.Equal((first.ResponseId, 10, true), (second.ResponseId, second.Total ?? -1, second.Replayed));
        Assert.Equal(SubmissionRefusal.IdentifierReused, Assert.IsType<InstrumentSubmissionResult.Refused>(other).Reason);
        Assert.Equal((1, 0, 0), await CountsAsync(app, patient));
    }

    [Fact]
    public async Task GivenUnknownPatientInstrumentOrFutureTime_WhenSubmitted_ThenRefusedAndNothingStored()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var patient = await NewPatientAsync(app);

        var unknownPatient = await Handler(app).SubmitAsync(Submission(Guid.NewGuid(), InstrumentIds.Phq9, Items(0, 0, 0, 0, 0, 0, 0, 0, 0)), Ct);
        var unknownInstrument = await Handler(app).SubmitAsync(Submission(patient, "phq-99", Items(0)), Ct);
        var future = await Handler(app).SubmitAsync(Submission(patient, InstrumentIds.Phq9, Items(0, 0, 0, 0, 0, 0, 0, 0, 0)) with { AnsweredAt = DateTimeOffset.UtcNow.AddHours(1) }, Ct);

        Assert.Equal(SubmissionRefusal.UnknownPatient, Assert.IsType<InstrumentSubmissionResult.Refused>(unknownPatient).Reason);
        Assert.Equal(SubmissionRefusal.UnknownInstrument, Assert.IsType<InstrumentSubmissionResult.Refused>(unknownInstrument).Reason);
        Assert.Equal(SubmissionRefusal.AnsweredInFuture, Assert.IsType<InstrumentSubmissionResult.Refused>(future).Reason);
        Assert.Equal((0, 0, 0), await CountsAsync(app, patient));
    }
}
