using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

[Trait("Rule", "MAINT-01")]
public sealed class MaintenanceRulesTests
{
    private static readonly ClinicProtocol Clinic = ClinicProtocol.Default with { Version = new ProtocolVersion("test-maint-1") };
    private static readonly DateOnly Start = new(2025, 1, 6);
    private static readonly string[] StopCriteria = ["Loss of response on two consecutive MADRS ratings", "Any genitourinary toxicity"];
    private static readonly ProlongedUseReviewItem[] AllItems = [ProlongedUseReviewItem.GenitourinarySymptoms, ProlongedUseReviewItem.LiverInjury];

    private static MaintenanceCourse Course(params MaintenanceReview[] reviews) => new(Start, 28, StopCriteria, reviews);

    private static MaintenanceReview Review(DateOnly on, params ProlongedUseReviewItem[] items) => new(on, "dr.synthetic", items);

    [Fact]
    public void GivenLabel_WhenListingReviewItems_ThenGenitourinaryAndLiver() =>
        Assert.Equal(AllItems, MaintenanceRules.LabelReviewItems);

    [Fact]
    public void GivenCompleteCourseWithoutReviews_WhenAssessedOnTheDueDate_ThenDueIn12WeeksAndNoFindings()
    {
        var assessment = MaintenanceRules.Evaluate(Course(), new DateOnly(2025, 3, 31), Clinic);

        Assert.Equal(new DateOnly(2025, 3, 31), assessment.NextReviewOn);
        Assert.Null(assessment.LastCompleteReviewOn);
        Assert.Empty(assessment.Findings);
        Assert.Equal(AllItems, assessment.ReviewItems);
        Assert.Equal("test-maint-1", assessment.ProtocolVersion.Value);
    }

    [Fact]
    public void GivenReviewOverdueByOneDay_WhenAssessed_ThenBlockNamingTheLabelItems()
    {
        var assessment = MaintenanceRules.Evaluate(Course(), new DateOnly(2025, 4, 1), Clinic);

        var block = Assert.Single(assessment.Findings);
        Assert.Equal("MAINT-01", block.Rule.Value);
        Assert.Equal(Enforcement.Block, block.Level);
        Assert.Contains("due on 2025-03-31", block.Message, StringComparison.Ordinal);
        Assert.Contains("genitourinary symptoms and liver injury", block.Message, StringComparison.Ordinal);
        var held = Assert.IsType<SchedulingDecision.Held>(SchedulingDecision.Decide(assessment.Findings, Clinic,
            [new PhysicianOverride(new RuleId("MAINT-01"), "dr.synthetic", "Try to override a block")]));
        Assert.Empty(held.AppliedOverrides);
    }

    [Fact]
    public void GivenCompleteReview_WhenAssessed_ThenNextReview12WeeksLater()
    {
        var assessment = MaintenanceRules.Evaluate(Course(Review(new DateOnly(2025, 3, 20), AllItems)), new DateOnly(2025, 4, 15), Clinic);

        Assert.Equal(new DateOnly(2025, 3, 20), assessment.LastCompleteReviewOn);
        Assert.Equal(new DateOnly(2025, 6, 12), assessment.NextReviewOn);
        Assert.Empty(assessment.Findings);
        Assert.IsType<SchedulingDecision.Proceed>(SchedulingDecision.Decide(assessment.Findings, Clinic));
    }

    [Fact]
    public void GivenReviewWithoutLiverInjury_WhenAssessed_ThenItDoesNotCountAndInfoSaysWhy()
    {
        var assessment = MaintenanceRules.Evaluate(
            Course(Review(new DateOnly(2025, 3, 20), ProlongedUseReviewItem.GenitourinarySymptoms)), new DateOnly(2025, 4, 15), Clinic);

        Assert.Null(assessment.LastCompleteReviewOn);
        Assert.Equal(new DateOnly(2025, 3, 31), assessment.NextReviewOn);
        var info = assessment.Findings.Single(f => f.Level == Enforcement.Info);
        Assert.Contains("2025-03-20 did not cover liver injury", info.Message, StringComparison.Ordinal);
        Assert.Single(assessment.Findings, f => f.Level == Enforcement.Block);
    }

    [Fact]
    public void GivenReviewCoveringNeitherItem_WhenAssessed_ThenBothNamed() =>
        Assert.Contains("did not cover genitourinary symptoms and liver injury",
            MaintenanceRules.Evaluate(Course(Review(new DateOnly(2025, 2, 1))), new DateOnly(2025, 2, 2), Clinic).Findings.Single().Message,
            StringComparison.Ordinal);

    [Fact]
    public void GivenIncompleteReviewBeforeALaterCompleteOne_WhenAssessed_ThenNoInfoAboutTheOldOne()
    {
        var assessment = MaintenanceRules.Evaluate(
            Course(Review(new DateOnly(2025, 2, 1), ProlongedUseReviewItem.LiverInjury), Review(new DateOnly(2025, 3, 1), AllItems)),
            new DateOnly(2025, 3, 2), Clinic);

        Assert.Empty(assessment.Findings);
        Assert.Equal(new DateOnly(2025, 5, 24), assessment.NextReviewOn);
    }

    [Fact]
    public void GivenReviewsBeforeStartOrAfterToday_WhenAssessed_ThenIgnored()
    {
        var assessment = MaintenanceRules.Evaluate(
            Course(Review(Start.AddDays(-1), AllItems), Review(new DateOnly(2025, 2, 2), AllItems)), new DateOnly(2025, 2, 1), Clinic);

        Assert.Null(assessment.LastCompleteReviewOn);
        Assert.Equal(new DateOnly(2025, 3, 31), assessment.NextReviewOn);
    }

    [Fact]
    public void GivenReviewOnTheStartDateAndToday_WhenAssessed_ThenCounted()
    {
        Assert.Equal(Start, MaintenanceRules.Evaluate(Course(Review(Start, AllItems)), Start, Clinic).LastCompleteReviewOn);
    }

    [Fact]
    public void GivenNoFrequency_WhenAssessed_ThenBlock()
    {
        var assessment = MaintenanceRules.Evaluate(new MaintenanceCourse(Start, null, StopCriteria, []), Start, Clinic);

        Assert.Contains("no defined frequency", Assert.Single(assessment.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOnlyBlankStopCriteria_WhenAssessed_ThenBlock()
    {
        var course = new MaintenanceCourse(Start, 28, [" ", ""], []);

        Assert.Empty(course.StopCriteria);
        var block = Assert.Single(MaintenanceRules.Evaluate(course, Start, Clinic).Findings);
        Assert.Contains("no stop criteria", block.Message, StringComparison.Ordinal);
        Assert.Equal(Enforcement.Block, block.Level);
    }

    [Fact]
    public void GivenClinicReviewsEvery4Weeks_WhenAssessed_ThenDue28DaysAfterStart() =>
        Assert.Equal(new DateOnly(2025, 2, 3),
            MaintenanceRules.Evaluate(Course(), Start, Clinic with { Scheduling = Clinic.Scheduling with { MaintenanceReviewIntervalWeeks = 4 } }).NextReviewOn);

    [Fact]
    public void GivenInvalidCourseInputs_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaintenanceCourse(Start, 0, StopCriteria, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaintenanceCourse(Start, 366, StopCriteria, []));
        Assert.Equal(365, new MaintenanceCourse(Start, 365, StopCriteria, []).FrequencyDays);
        Assert.Equal(1, new MaintenanceCourse(Start, 1, StopCriteria, []).FrequencyDays);
        Assert.ThrowsAny<ArgumentException>(() => new MaintenanceReview(Start, " ", AllItems));
        Assert.Equal(
            [new DateOnly(2025, 1, 7), new DateOnly(2025, 2, 1)],
            Course(Review(new DateOnly(2025, 2, 1)), Review(new DateOnly(2025, 1, 7))).Reviews.Select(r => r.ReviewedOn));
    }
}
