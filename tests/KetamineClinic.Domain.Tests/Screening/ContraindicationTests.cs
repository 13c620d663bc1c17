using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using static KetamineClinic.Domain.Tests.Screening.Screen;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class ContraindicationTests
{
    private static IReadOnlyList<RuleFinding> Evaluate(PatientScreeningFacts facts) => Contraindications.Evaluate(facts, Today, Shipped);

    [Theory]
    [Trait("Rule", "CI-ABS-01")]
    [Trait("Rule", "CI-HS-01")]
    [Trait("Rule", "CI-HS-02")]
    [Trait("Rule", "CI-HS-03")]
    [Trait("Rule", "CI-HS-04")]
    [Trait("Rule", "CI-HS-05")]
    [Trait("Rule", "CI-HS-06")]
    [Trait("Rule", "CI-HS-07")]
    [Trait("Rule", "CI-HS-08")]
    [Trait("Rule", "CI-REL-01")]
    [Trait("Rule", "CI-REL-02")]
    [Trait("Rule", "CI-REL-03")]
    [Trait("Rule", "CI-REL-04")]
    [Trait("Rule", "CI-REL-05")]
    [Trait("Rule", "CI-REL-06")]
    [Trait("Rule", "CI-REL-08")]
    [InlineData(ConditionKind.KetamineOrEsketamineHypersensitivity, "CI-ABS-01", Enforcement.Block, ClinicalAuthority.None, "S1,S4")]
    [InlineData(ConditionKind.AneurysmalVascularDiseaseOrAvm, "CI-HS-01", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S1,S2")]
    [InlineData(ConditionKind.IntracerebralHemorrhageHistory, "CI-HS-02", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S1,S2")]
    [InlineData(ConditionKind.AcuteCerebralTraumaOrRaisedIcp, "CI-HS-03", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S5,S8")]
    [InlineData(ConditionKind.EclampsiaOrPreEclampsia, "CI-HS-04", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S5,S6")]
    [InlineData(ConditionKind.SevereOrUnstableCoronaryOrMyocardialDisease, "CI-HS-05", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S5,S8")]
    [InlineData(ConditionKind.CurrentPsychosisOrMania, "CI-HS-06", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S37,S38")]
    [InlineData(ConditionKind.Pregnancy, "CI-HS-07", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S37,S38,S22")]
    [InlineData(ConditionKind.PriorCerebrovascularAccident, "CI-HS-08", Enforcement.HardStop, ClinicalAuthority.MedicalDirector, "S5,S6")]
    [InlineData(ConditionKind.PsychosisHistory, "CI-REL-01", Enforcement.Warn, ClinicalAuthority.Physician, "S1,S2,S20")]
    [InlineData(ConditionKind.SubstanceUseDisorder, "CI-REL-02", Enforcement.Warn, ClinicalAuthority.Physician, "S1,S2,S20")]
    [InlineData(ConditionKind.ControlledHypertensionOrCardiovascularRisk, "CI-REL-03", Enforcement.Warn, ClinicalAuthority.Physician, "S1,S20")]
    [InlineData(ConditionKind.UntreatedHyperthyroidism, "CI-REL-04", Enforcement.Warn, ClinicalAuthority.Physician, "S6")]
    [InlineData(ConditionKind.ChronicAlcoholUseOrAcuteIntoxication, "CI-REL-05", Enforcement.Warn, ClinicalAuthority.Physician, "S5")]
    [InlineData(ConditionKind.HepaticImpairment, "CI-REL-06", Enforcement.Warn, ClinicalAuthority.Physician, "S1,S2,S5,S6")]
    [InlineData(ConditionKind.Breastfeeding, "CI-REL-08", Enforcement.Warn, ClinicalAuthority.Physician, "S22")]
    public void GivenARecordedCondition_WhenScreening_ThenItsSection22ClassAndAuthority(ConditionKind kind, string rule, Enforcement level, ClinicalAuthority authority, string sources)
    {
        var findings = Evaluate(Adult(conditions: [kind, kind]));

        var finding = Assert.Single(findings);
        Assert.Equal(rule, finding.Rule.Value);
        Assert.Equal(level, finding.Level);
        Assert.Equal(authority, finding.Authority);
        Assert.Equal(sources.Split(','), finding.Sources);
        Assert.StartsWith(rule + ": ", finding.Message, StringComparison.Ordinal);
        Assert.Equal(level == Enforcement.HardStop, finding.OverrideAllowed);
        Assert.Equal(level == Enforcement.Warn, finding.AcknowledgementAllowed);
    }

    [Fact]
    [Trait("Rule", "CI-ABS-01")]
    public void GivenKetamineHypersensitivity_WhenScreening_ThenBlockMessageSaysNoOverride() =>
        Assert.Equal("CI-ABS-01: known hypersensitivity to ketamine/esketamine (BLOCK: no override).",
            Assert.Single(Evaluate(Adult(conditions: ConditionKind.KetamineOrEsketamineHypersensitivity))).Message);

    [Fact]
    [Trait("Rule", "CI-HS-06")]
    public void GivenCurrentMania_WhenScreening_ThenHardStopMessageNamesTheMedicalDirector() =>
        Assert.Equal("CI-HS-06: current psychosis or mania (HARD STOP: medical-director override with reason).",
            Assert.Single(Evaluate(Adult(conditions: ConditionKind.CurrentPsychosisOrMania))).Message);

    [Fact]
    [Trait("Rule", "CI-REL-02")]
    public void GivenSubstanceUseDisorder_WhenScreening_ThenWarnMessageAsksForRiskBenefit() =>
        Assert.Equal("CI-REL-02: substance use disorder, including alcohol (monitor for abuse) (WARN: physician acknowledgement with documented risk–benefit).",
            Assert.Single(Evaluate(Adult(conditions: ConditionKind.SubstanceUseDisorder))).Message);

    [Fact]
    [Trait("Rule", "CI-REL-02")]
    public void GivenClinicRaisesSubstanceUseToHardStop_WhenScreening_ThenHardStopByMedicalDirector()
    {
        var protocol = With(e => e with { StricterContraindicationLevels = new Dictionary<ConditionKind, Enforcement> { [ConditionKind.SubstanceUseDisorder] = Enforcement.HardStop } });

        var finding = Assert.Single(Contraindications.Evaluate(Adult(conditions: ConditionKind.SubstanceUseDisorder), Today, protocol));

        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.MedicalDirector, finding.Authority);
    }

    [Fact]
    [Trait("Rule", "CI-HS-06")]
    public void GivenClinicRaisesCurrentPsychosisToBlock_WhenScreening_ThenBlockWithoutAuthority()
    {
        var protocol = With(e => e with { StricterContraindicationLevels = new Dictionary<ConditionKind, Enforcement> { [ConditionKind.CurrentPsychosisOrMania] = Enforcement.Block } });

        var finding = Assert.Single(Contraindications.Evaluate(Adult(conditions: ConditionKind.CurrentPsychosisOrMania), Today, protocol));

        Assert.Equal(Enforcement.Block, finding.Level);
        Assert.Equal(ClinicalAuthority.None, finding.Authority);
    }

    [Theory]
    [Trait("Rule", "CI-ABS-01")]
    [Trait("Rule", "CI-HS-07")]
    [InlineData(ConditionKind.KetamineOrEsketamineHypersensitivity, Enforcement.HardStop)]
    [InlineData(ConditionKind.Pregnancy, Enforcement.Warn)]
    [InlineData(ConditionKind.Breastfeeding, Enforcement.Info)]
    public void GivenAClinicLoweringASection22Level_WhenConfiguring_ThenRejected(ConditionKind kind, Enforcement lower) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.Eligibility with { StricterContraindicationLevels = new Dictionary<ConditionKind, Enforcement> { [kind] = lower } });

    [Fact]
    public void GivenAnUndefinedCondition_WhenScreening_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate(Adult(conditions: (ConditionKind)99)));

    [Fact]
    public void GivenTheCatalogue_WhenListing_ThenEveryConditionHasAUniqueRuleId()
    {
        Assert.Equal(Enum.GetValues<ConditionKind>().Length, ContraindicationCatalogue.All.Count);
        Assert.Equal(ContraindicationCatalogue.All.Count, ContraindicationCatalogue.All.Select(e => e.Rule).Distinct().Count());
    }

    [Theory]
    [Trait("Rule", "CI-REL-07")]
    [InlineData(64, false)]
    [InlineData(65, false)]
    [InlineData(66, true)]
    [InlineData(90, true)]
    public void GivenAge_WhenScreening_ThenWarnAbove65(int age, bool warns)
    {
        var findings = Evaluate(Adult(age));

        if (warns)
        {
            var finding = Single(findings, "CI-REL-07");
            Assert.Equal(Enforcement.Warn, finding.Level);
            Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
            Assert.Equal($"CI-REL-07: age {age} years is above 65; document the risk–benefit decision (physician acknowledgement).", finding.Message);
            Assert.Equal(["C"], finding.Sources);
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Theory]
    [Trait("Rule", "CI-REL-07")]
    [InlineData("1960-03-15", true)]  // 66th birthday today
    [InlineData("1960-03-16", false)] // 66th birthday tomorrow: still 65
    public void GivenABirthdayAroundTheEvaluationDate_WhenScreening_ThenAgeIsCompletedYears(string bornOn, bool warns)
    {
        var facts = new PatientScreeningFacts(DateOnly.Parse(bornOn, System.Globalization.CultureInfo.InvariantCulture), [], ReproductivePotential.No);

        Assert.Equal(warns, Evaluate(facts).Any(f => f.Rule.Value == "CI-REL-07"));
    }

    [Theory]
    [InlineData("2000-02-29", "2018-02-28", 17)]
    [InlineData("2000-02-29", "2018-03-01", 18)]
    [InlineData("2000-02-29", "2020-02-29", 20)]
    [InlineData("1990-12-31", "2026-12-30", 35)]
    [InlineData("1990-12-31", "2026-12-31", 36)]
    [InlineData("2026-03-15", "2026-03-15", 0)]
    public void GivenBirthAndEvaluationDates_WhenComputingAge_ThenCompletedYears(string bornOn, string on, int age) =>
        Assert.Equal(age, Contraindications.AgeInYears(DateOnly.Parse(bornOn, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void GivenEvaluationBeforeBirth_WhenComputingAge_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Contraindications.AgeInYears(new DateOnly(2000, 1, 2), new DateOnly(2000, 1, 1)));

    [Theory]
    [Trait("Rule", "ELIG-INC-AGE-01")]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public void GivenAge_WhenScreening_ThenUnder18IsABlock(int age, bool blocked)
    {
        var findings = Evaluate(Adult(age));

        if (blocked)
        {
            var finding = Single(findings, "ELIG-INC-AGE-01");
            Assert.Equal(Enforcement.Block, finding.Level);
            Assert.Equal("ELIG-INC-AGE-01: age 17 years is under 18; this protocol covers adults only.", finding.Message);
            None(findings, "ELIG-INC-AGE-02");
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Theory]
    [Trait("Rule", "ELIG-INC-AGE-02")]
    [InlineData(20, "ELIG-INC-AGE-02: age 20 years is below the clinic's minimum age 21.")]
    [InlineData(21, null)]
    [InlineData(75, null)]
    [InlineData(76, "ELIG-INC-AGE-02: age 76 years is above the clinic's maximum age 75.")]
    public void GivenClinicAgeRange21To75_WhenScreening_ThenOutsideIsAHardStopForTheMedicalDirector(int age, string? message)
    {
        var protocol = With(e => e with { MinimumAgeYears = 21, MaximumAgeYears = 75 });

        var findings = Contraindications.Evaluate(Adult(age), Today, protocol);

        if (message is null)
        {
            None(findings, "ELIG-INC-AGE-02");
        }
        else
        {
            var finding = Single(findings, "ELIG-INC-AGE-02");
            Assert.Equal(message, finding.Message);
            Assert.Equal(Enforcement.HardStop, finding.Level);
            Assert.Equal(ClinicalAuthority.MedicalDirector, finding.Authority);
        }
    }

    [Fact]
    [Trait("Rule", "PREG-01")]
    [Trait("Rule", "PREG-02")]
    public void GivenReproductivePotentialAndNoTest_WhenScreening_ThenHardStopForATestAndContraceptionAdvice()
    {
        var findings = Evaluate(Adult(reproductive: ReproductivePotential.Yes));

        var test = Single(findings, "PREG-01");
        Assert.Equal(Enforcement.HardStop, test.Level);
        Assert.Equal(ClinicalAuthority.Physician, test.Authority);
        Assert.Equal("PREG-01: person of reproductive potential with no pregnancy test on record; a negative test is required before treatment (physician override with reason).", test.Message);
        Assert.Equal(["S22", "S23"], test.Sources);
        var advice = Single(findings, "PREG-02");
        Assert.Equal(Enforcement.Info, advice.Level);
        Assert.Equal("PREG-02: advise highly effective contraception during treatment and for 6 weeks after the last dose.", advice.Message);
    }

    [Fact]
    [Trait("Rule", "PREG-01")]
    public void GivenReproductivePotentialUnknown_WhenScreening_ThenScreenedAsYes() =>
        Assert.StartsWith("PREG-01: reproductive potential not recorded (screened as yes) with no pregnancy test",
            Single(Evaluate(Adult(reproductive: ReproductivePotential.Unknown)), "PREG-01").Message, StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "PREG-01")]
    public void GivenNoReproductivePotential_WhenScreening_ThenNoPregnancyFindings() =>
        Assert.Empty(Evaluate(Adult(reproductive: ReproductivePotential.No)));

    [Theory]
    [Trait("Rule", "PREG-01")]
    [InlineData(0, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void GivenANegativeTestNDaysOld_WhenScreening_ThenRetestAfter30Days(int daysOld, bool retest)
    {
        var findings = Evaluate(Adult(reproductive: ReproductivePotential.Yes, test: new PregnancyTest(Today.AddDays(-daysOld), false)));

        if (retest)
        {
            var finding = Single(findings, "PREG-01");
            Assert.Equal(Enforcement.HardStop, finding.Level);
            Assert.Equal("PREG-01: person of reproductive potential; last negative pregnancy test 2026-02-12 is 31 days old (re-test every 30 days); re-test required (physician override with reason).", finding.Message);
        }
        else
        {
            None(findings, "PREG-01");
        }
        Single(findings, "PREG-02");
    }

    [Fact]
    [Trait("Rule", "PREG-01")]
    public void GivenClinicRetestInterval7Days_WhenTestIs8DaysOld_ThenRetestRequired()
    {
        var protocol = With(e => e with { PregnancyTestValidDays = 7 });

        Assert.Contains(Contraindications.Evaluate(Adult(reproductive: ReproductivePotential.Yes, test: new PregnancyTest(Today.AddDays(-8), false)), Today, protocol),
            f => f.Rule.Value == "PREG-01");
        Assert.DoesNotContain(Contraindications.Evaluate(Adult(reproductive: ReproductivePotential.Yes, test: new PregnancyTest(Today.AddDays(-7), false)), Today, protocol),
            f => f.Rule.Value == "PREG-01");
    }

    [Fact]
    [Trait("Rule", "CI-HS-07")]
    public void GivenAPositiveLatestTest_WhenScreening_ThenPregnancyHardStopEvenIfTheTestIsOld()
    {
        var findings = Evaluate(Adult(reproductive: ReproductivePotential.Yes, test: new PregnancyTest(Today.AddDays(-60), true)));

        var finding = Single(findings, "CI-HS-07");
        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.MedicalDirector, finding.Authority);
        Assert.Equal("CI-HS-07: pregnancy (positive pregnancy test on 2026-01-14) (HARD STOP: medical-director override with reason).", finding.Message);
        None(findings, "PREG-01");
    }

    [Fact]
    [Trait("Rule", "CI-HS-07")]
    public void GivenPregnancyRecordedAndAPositiveTest_WhenScreening_ThenOneFinding() =>
        Assert.Single(Evaluate(Adult(reproductive: ReproductivePotential.No, test: new PregnancyTest(Today, true), conditions: ConditionKind.Pregnancy)), f => f.Rule.Value == "CI-HS-07");

    [Fact]
    [Trait("Rule", "PREG-01")]
    public void GivenATestDatedAfterTheEvaluation_WhenScreening_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Evaluate(Adult(reproductive: ReproductivePotential.Yes, test: new PregnancyTest(Today.AddDays(1), false))));

    [Theory]
    [Trait("Rule", "ELIG-EXC-KET-01")]
    [InlineData(0, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void GivenNonClinicKetamineUseNDaysAgo_WhenScreening_ThenWarnWithin90Days(int daysAgo, bool warns)
    {
        var findings = Evaluate(Adult(ketamineUsedOn: Today.AddDays(-daysAgo)));

        if (warns)
        {
            var finding = Single(findings, "ELIG-EXC-KET-01");
            Assert.Equal(Enforcement.Warn, finding.Level);
            Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
            Assert.Equal(["S61"], finding.Sources);
            Assert.Contains($"ketamine used outside this clinic {daysAgo} days ago", finding.Message, StringComparison.Ordinal);
            Assert.Contains("within the 90-day window (WARN: physician acknowledgement", finding.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    [Trait("Rule", "ELIG-EXC-KET-01")]
    public void GivenKetamineWindowOff_WhenUsedYesterday_ThenNoFinding() =>
        Assert.Empty(Contraindications.Evaluate(Adult(ketamineUsedOn: Today.AddDays(-1)), Today, With(e => e with { RecentKetamineUseWindowDays = 0 })));

    [Fact]
    [Trait("Rule", "ELIG-EXC-KET-01")]
    public void GivenClinicTreatsRecentKetamineAsHardStop_WhenUsed10DaysAgo_ThenHardStopByMedicalDirector()
    {
        var finding = Assert.Single(Contraindications.Evaluate(Adult(ketamineUsedOn: Today.AddDays(-10)), Today, With(e => e with { RecentKetamineUseLevel = Enforcement.HardStop })));

        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.MedicalDirector, finding.Authority);
    }

    [Fact]
    [Trait("Rule", "ELIG-EXC-KET-01")]
    public void GivenKetamineUseDatedAfterTheEvaluation_WhenScreening_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Evaluate(Adult(ketamineUsedOn: Today.AddDays(1))));
}
