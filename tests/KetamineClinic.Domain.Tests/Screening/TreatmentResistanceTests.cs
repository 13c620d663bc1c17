using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using static KetamineClinic.Domain.Tests.Screening.Screen;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class TreatmentResistanceTests
{
    [Fact]
    [Trait("Vector", "TV-52")]
    [Trait("Rule", "ELIG-TRD-01")]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenSertralineAndBupropionFailedAndEscitalopramTooShort_WhenAssessing_ThenTwoAdequateFailuresMakeTrd()
    {
        var trials = new[]
        {
            TreatmentTrial.Antidepressant("sertraline", 150m, 8m, AdherenceStatus.Confirmed, NonResponse),
            TreatmentTrial.Antidepressant("escitalopram", 10m, 3m, AdherenceStatus.Confirmed, NotAssessed),
            TreatmentTrial.Antidepressant("bupropion XL", 300m, 6m, AdherenceStatus.Confirmed, NonResponse),
        };

        var trd = TreatmentResistance.Assess(trials, Shipped);

        Assert.True(trd.IsTrd);
        Assert.Equal(2, trd.AdequateFailureCount);
        Assert.Equal(["sertraline", "bupropion XL"], trd.AdequateFailures.Select(f => f.Trial.Name));
        var escitalopram = trd.Trials[1];
        Assert.True(escitalopram.Counted);
        Assert.False(escitalopram.Adequate);
        Assert.Contains("ELIG-TRD-02: 3 weeks at target dose < minimum 4 weeks.", escitalopram.Reasons);
        Assert.Equal(300m, trd.Trials[2].MinimumDoseMgPerDay);
        var summary = Single(trd.Findings, "ELIG-TRD-01");
        Assert.Equal(Enforcement.Info, summary.Level);
        Assert.Equal("ELIG-TRD-01: 2 adequate non-response antidepressant trial(s) in the current episode (sertraline, bupropion); threshold ≥2 → treatment-resistant.", summary.Message);
        Assert.Equal(["S10", "S11", "S12"], summary.Sources);
        Assert.Equal(ClinicProtocol.Default.Version, trd.ProtocolVersion);
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-01")]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void GivenNAdequateFailures_WhenAssessing_ThenTrdFromTwoNotMoreThanTwo(int failures, bool expected)
    {
        string[] drugs = ["sertraline", "venlafaxine", "mirtazapine"];
        decimal[] doses = [50m, 150m, 15m];
        var trials = Enumerable.Range(0, failures).Select(i => Failed(drugs[i], doses[i])).ToList();

        var trd = TreatmentResistance.Assess(trials, Shipped);

        Assert.Equal(expected, trd.IsTrd);
        Assert.Equal(failures, trd.AdequateFailureCount);
        Assert.Contains(expected ? "→ treatment-resistant." : "→ not treatment-resistant.", Single(trd.Findings, "ELIG-TRD-01").Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-01")]
    public void GivenTheSameDrugFailedTwice_WhenAssessing_ThenItCountsOnceAndIsNotTrd()
    {
        var trd = TreatmentResistance.Assess([Failed("sertraline", 100m), Failed("Zoloft", 200m)], Shipped);

        Assert.False(trd.IsTrd);
        Assert.Equal(1, trd.AdequateFailureCount);
        Assert.Single(trd.AdequateFailures);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-01")]
    public void GivenAFailureInAnEarlierEpisode_WhenAssessing_ThenOnlyTheCurrentEpisodeCounts()
    {
        var trd = TreatmentResistance.Assess([Failed("sertraline", 100m), Failed("duloxetine", 60m, currentEpisode: false)], Shipped);

        Assert.False(trd.IsTrd);
        Assert.Equal(1, trd.AdequateFailureCount);
        Assert.False(trd.Trials[1].Counted);
        Assert.Equal(["ELIG-TRD-01: trial belongs to an earlier episode; only the current episode counts."], trd.Trials[1].Reasons);
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-02")]
    [InlineData(3.9, false)]
    [InlineData(4.0, true)]
    [InlineData(12, true)]
    public void GivenWeeksAtTargetDose_WhenDefaultMinTrialWeeks4_ThenAdequateFromFourWeeks(double weeks, bool adequate)
    {
        var trd = TreatmentResistance.Assess([Failed("sertraline", 100m, (decimal)weeks)], Shipped);

        Assert.Equal(adequate, trd.Trials[0].Adequate);
        Assert.Equal(adequate ? 1 : 0, trd.AdequateFailureCount);
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-02")]
    [InlineData(5.9, false)]
    [InlineData(6.0, true)]
    public void GivenClinicMinTrialWeeks6_WhenAssessing_ThenSixWeeksNeeded(double weeks, bool adequate)
    {
        var protocol = With(e => e with { MinTrialWeeks = 6m });

        var trd = TreatmentResistance.Assess([Failed("sertraline", 100m, (decimal)weeks)], protocol);

        Assert.Equal(adequate, trd.Trials[0].Adequate);
        Assert.Equal(new ProtocolVersion("test-1"), trd.ProtocolVersion);
        if (!adequate)
        {
            Assert.Contains("ELIG-TRD-02: 5.9 weeks at target dose < minimum 6 weeks.", trd.Trials[0].Reasons);
        }
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-02")]
    [InlineData(49.9, false)]
    [InlineData(50, true)]
    public void GivenSertralineDoseAroundTableMinimum50_WhenAssessing_ThenAdequateFromTheMinimum(double mg, bool adequate)
    {
        var trd = TreatmentResistance.Assess([Failed("sertraline", (decimal)mg)], Shipped);

        Assert.Equal(adequate, trd.Trials[0].Adequate);
        Assert.Equal(50m, trd.Trials[0].MinimumDoseMgPerDay);
        if (!adequate)
        {
            Assert.Contains("ELIG-TRD-02: 49.9 mg/day < minimum effective dose 50 mg/day.", trd.Trials[0].Reasons);
        }
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenAdherenceNotDocumented_WhenAssessing_ThenNotAdequateAndInfoPromptAsksForIt()
    {
        var trd = TreatmentResistance.Assess([Failed("sertraline", 100m, 8m, AdherenceStatus.Unknown), Failed("duloxetine", 60m)], Shipped);

        Assert.False(trd.Trials[0].Adequate);
        Assert.False(trd.IsTrd);
        var prompt = Assert.Single(trd.Findings, f => f.Rule.Value == "ELIG-TRD-02" && f.Message.Contains("adherence", StringComparison.Ordinal));
        Assert.Equal(Enforcement.Info, prompt.Level);
        Assert.Equal("ELIG-TRD-02: adherence to sertraline (100 mg/day, 8 weeks) is not documented, so the trial is not adequate; please document adherence.", prompt.Message);
        Assert.Equal(ClinicalAuthority.None, prompt.Authority);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenAdherenceDocumentedAsNotConfirmed_WhenAssessing_ThenNotAdequateWithoutPrompt()
    {
        var trd = TreatmentResistance.Assess([Failed("sertraline", 100m, 8m, AdherenceStatus.NotConfirmed)], Shipped);

        Assert.False(trd.Trials[0].Adequate);
        Assert.Contains("ELIG-TRD-02: adherence documented as not confirmed.", trd.Trials[0].Reasons);
        Assert.DoesNotContain(trd.Findings, f => f.Message.Contains("adherence", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenADrugMissingFromTheDoseTable_WhenAssessing_ThenNotAdequateAndInfoAsksForATableRow()
    {
        var trial = TreatmentTrial.Antidepressant("esketamine-free placebo drug", 100m, 8m, AdherenceStatus.Confirmed, NonResponse, AntidepressantClass.Other);

        var trd = TreatmentResistance.Assess([trial], Shipped);

        Assert.False(trd.Trials[0].Adequate);
        Assert.Null(trd.Trials[0].MinimumDoseMgPerDay);
        Assert.Contains(trd.Findings, f => f.Rule.Value == "ELIG-TRD-02" && f.Level == Enforcement.Info
            && f.Message == "ELIG-TRD-02: esketamine-free placebo drug has no row in the clinic's minimum-dose table, so the trial is not counted as adequate; ask the medical director to add one.");
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenTheShippedDoseTable_WhenAssessing_ThenAnInfoSaysItIsUnsigned()
    {
        var trd = TreatmentResistance.Assess(TwoFailures, Shipped);

        Assert.False(trd.DoseTableSignedOff);
        Assert.Contains(trd.Findings, f => f.Rule.Value == "ELIG-TRD-02" && f.Message.Contains("NOT signed off", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenASignedDoseTable_WhenAssessing_ThenNoUnsignedNotice()
    {
        var signed = new AntidepressantDoseTable(AntidepressantDoseTable.Default.MinimumDosesMgPerDay, signedOff: true);
        var protocol = With(e => e with { MinimumEffectiveDoses = signed });

        var trd = TreatmentResistance.Assess(TwoFailures, protocol);

        Assert.True(trd.DoseTableSignedOff);
        None(trd.Findings, "ELIG-TRD-02");
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-03")]
    [InlineData(30, 15, false)] // exactly 50% reduction = response
    [InlineData(30, 16, true)]  // 46.7% = non-response
    [InlineData(31, 16, true)]  // 48.4%
    [InlineData(31, 15, false)] // 51.6%
    [InlineData(20, 25, true)]  // worse
    [InlineData(20, 0, false)]
    public void GivenScaleScores_WhenJudgingOutcome_ThenNonResponseBelowFiftyPercentReduction(int baseline, int final, bool nonResponse)
    {
        var outcome = new TrialOutcome.ScaleRated("MADRS", baseline, final);

        Assert.Equal(nonResponse, outcome.IsNonResponse);
        Assert.Equal(!nonResponse, outcome.IsResponse);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-03")]
    public void GivenMadrs30To16_WhenAssessing_ThenTrialCountsAsFailureWithReductionInReason()
    {
        var trial = TreatmentTrial.Antidepressant("sertraline", 100m, 8m, AdherenceStatus.Confirmed, new TrialOutcome.ScaleRated("MADRS", 30, 16));

        var trd = TreatmentResistance.Assess([trial], Shipped);

        Assert.True(trd.Trials[0].IsAdequateFailure);
        Assert.Contains("ELIG-TRD-03: MADRS 30 → 16 (46.7% reduction) → non-response (<50%).", trd.Trials[0].Reasons);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-03")]
    public void GivenMadrs30To15_WhenAssessing_ThenResponseIsNotAFailure()
    {
        var trial = TreatmentTrial.Antidepressant("sertraline", 100m, 8m, AdherenceStatus.Confirmed, new TrialOutcome.ScaleRated("MADRS", 30, 15));

        var trd = TreatmentResistance.Assess([trial], Shipped);

        Assert.True(trd.Trials[0].Adequate);
        Assert.False(trd.Trials[0].IsAdequateFailure);
        Assert.Contains("ELIG-TRD-03: MADRS 30 → 15 (50% reduction) → response (≥50%).", trd.Trials[0].Reasons);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-03")]
    public void GivenClinicianDocumentedResponseAndNonResponse_WhenAssessing_ThenOnlyNonResponseCounts()
    {
        var trials = new[]
        {
            TreatmentTrial.Antidepressant("sertraline", 100m, 8m, AdherenceStatus.Confirmed, Response),
            TreatmentTrial.Antidepressant("duloxetine", 60m, 8m, AdherenceStatus.Confirmed, NonResponse),
        };

        var trd = TreatmentResistance.Assess(trials, Shipped);

        Assert.Equal(1, trd.AdequateFailureCount);
        Assert.Contains("ELIG-TRD-03: clinician-documented response.", trd.Trials[0].Reasons);
        Assert.Contains("ELIG-TRD-03: clinician-documented non-response.", trd.Trials[1].Reasons);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-03")]
    public void GivenAnAdequateTrialWithoutOutcome_WhenAssessing_ThenInfoAsksForTheOutcome()
    {
        var trial = TreatmentTrial.Antidepressant("sertraline", 100m, 8m, AdherenceStatus.Confirmed, NotAssessed);

        var trd = TreatmentResistance.Assess([trial], Shipped);

        var finding = Single(trd.Findings, "ELIG-TRD-03");
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.Equal("ELIG-TRD-03: sertraline was an adequate trial but its outcome is not recorded; please record response or non-response.", finding.Message);
        Assert.Equal(["S11"], finding.Sources);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-03")]
    public void GivenAnInadequateTrialWithoutOutcome_WhenAssessing_ThenNoOutcomePrompt()
    {
        var trial = TreatmentTrial.Antidepressant("sertraline", 100m, 2m, AdherenceStatus.Confirmed, NotAssessed);

        var trd = TreatmentResistance.Assess([trial], Shipped);

        None(trd.Findings, "ELIG-TRD-03");
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-03")]
    [InlineData(0, 0)]
    [InlineData(-1, 5)]
    [InlineData(10, -1)]
    public void GivenInvalidScaleScores_WhenRecording_ThenRejected(int baseline, int final) =>
        Assert.ThrowsAny<ArgumentException>(() => new TrialOutcome.ScaleRated("MADRS", baseline, final));

    [Fact]
    [Trait("Rule", "ELIG-TRD-04")]
    public void GivenOneFailureAndFailedAugmentationPsychotherapyAndEct_WhenAssessing_ThenOnlyTheAntidepressantCounts()
    {
        var trials = new[]
        {
            Failed("sertraline", 100m),
            TreatmentTrial.Augmentation("aripiprazole", NonResponse, 5m, 8m),
            TreatmentTrial.Psychotherapy("CBT", NonResponse, 16m),
            TreatmentTrial.Ect(EctLaterality.Bilateral, NonResponse),
        };

        var trd = TreatmentResistance.Assess(trials, Shipped);

        Assert.False(trd.IsTrd);
        Assert.Equal(1, trd.AdequateFailureCount);
        Assert.All(trd.Trials.Skip(1), t => Assert.False(t.Counted));
        Assert.Equal(["ELIG-TRD-04: Augmentation is recorded but not counted as an antidepressant trial."], trd.Trials[1].Reasons);
        var finding = Single(trd.Findings, "ELIG-TRD-04");
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.Equal("ELIG-TRD-04: 3 augmentation/psychotherapy/ECT treatment(s) recorded but not counted as antidepressant trials (aripiprazole, CBT, ECT).", finding.Message);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-04")]
    public void GivenOnlyAntidepressants_WhenAssessing_ThenNoNotCountedFinding() =>
        None(TreatmentResistance.Assess(TwoFailures, Shipped).Findings, "ELIG-TRD-04");

    [Fact]
    public void GivenAnExplicitClass_WhenRecordingATrial_ThenItOverridesTheCatalogue()
    {
        Assert.Equal(AntidepressantClass.Ssri, TreatmentTrial.Antidepressant("Lexapro", 10m, 6m, AdherenceStatus.Confirmed, NonResponse).Class);
        Assert.Equal(AntidepressantClass.Other, TreatmentTrial.Antidepressant("sertraline", 10m, 6m, AdherenceStatus.Confirmed, NonResponse, AntidepressantClass.Other).Class);
        Assert.Equal(AntidepressantClass.Other, TreatmentTrial.Antidepressant("unlisted drug", 10m, 6m, AdherenceStatus.Confirmed, NonResponse).Class);
    }

    [Fact]
    public void GivenNegativeDoseOrWeeks_WhenRecordingATrial_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentTrial.Antidepressant("sertraline", -1m, 6m, AdherenceStatus.Confirmed, NonResponse));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentTrial.Antidepressant("sertraline", 50m, -0.1m, AdherenceStatus.Confirmed, NonResponse));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentTrial.Antidepressant("sertraline", 50m, 6m, (AdherenceStatus)9, NonResponse));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentTrial.Ect((EctLaterality)9, NonResponse));
        Assert.ThrowsAny<ArgumentException>(() => TreatmentTrial.Antidepressant(" ", 50m, 6m, AdherenceStatus.Confirmed, NonResponse));
    }
}
