using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using static KetamineClinic.Domain.Tests.Screening.Screen;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class DrugInteractionTests
{
    private static InteractionAssessment Evaluate(params ConcomitantMedication[] meds) => DrugInteractions.Evaluate(meds, Shipped);

    [Fact]
    [Trait("Vector", "TV-78")]
    [Trait("Rule", "DDI-THEO-01")]
    public void GivenTheophyllineEr300MgDaily_WhenScreening_ThenHardStopWithPhysicianOverride()
    {
        var result = Evaluate(new ConcomitantMedication("Theophylline ER", 300m));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("DDI-THEO-01", finding.Rule.Value);
        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.True(finding.OverrideAllowed);
        Assert.Equal(["S4"], finding.Sources);
        Assert.Equal("DDI-THEO-01: Theophylline ER active; the ketamine label says do not co-administer (lower seizure threshold). Physician override with reason required.", finding.Message);
    }

    [Fact]
    [Trait("Vector", "TV-78")]
    [Trait("Rule", "DDI-THEO-01")]
    public void GivenTheophyllineInAnOtherwiseEligiblePatient_WhenDeciding_ThenNeedsPhysicianReviewWithTheOverride()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(meds: [new ConcomitantMedication("theophylline ER", 300m)]), Shipped);

        var review = Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        Assert.Equal("DDI-THEO-01", Assert.Single(review.OverridesRequired).Rule.Value);
        Assert.Empty(review.AcknowledgementsRequired);
    }

    [Theory]
    [Trait("Rule", "DDI-THEO-01")]
    [InlineData("aminophylline")]
    [InlineData("Uniphyl")]
    public void GivenAminophyllineOrABrand_WhenScreening_ThenTheophyllineHardStop(string name) =>
        Assert.Equal(Enforcement.HardStop, Single(Evaluate(new ConcomitantMedication(name)).Findings, "DDI-THEO-01").Level);

    [Fact]
    [Trait("Vector", "TV-79")]
    [Trait("Rule", "DDI-CNS-01")]
    public void GivenOxycodone_WhenScreening_ThenWarnAndObservationExtendedBy30Minutes()
    {
        var result = Evaluate(new ConcomitantMedication("oxycodone", 20m));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("DDI-CNS-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.True(finding.AcknowledgementAllowed);
        Assert.Equal("DDI-CNS-01: CNS depressant/opioid/sedative-hypnotic oxycodone active; risk of profound sedation and respiratory depression. Minimum observation extended by +30 min.", finding.Message);
        Assert.Equal(30, result.ExtendsObservationMinutes);
        Assert.False(result.EnhancedBloodPressureMonitoring);
    }

    [Fact]
    [Trait("Vector", "TV-79")]
    [Trait("Rule", "DDI-CNS-01")]
    public void GivenOxycodoneInAnOtherwiseEligiblePatient_WhenDeciding_ThenReviewAndDischargeInputCarriesPlus30()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(meds: [new ConcomitantMedication("OxyContin")]), Shipped);

        var review = Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        Assert.Equal("DDI-CNS-01", Assert.Single(review.AcknowledgementsRequired).Rule.Value);
        Assert.Equal(30, decision.Details.ExtendsObservationMinutes);
    }

    [Fact]
    [Trait("Rule", "DDI-CNS-01")]
    public void GivenClinicExtensionOf45Minutes_WhenOpioidActive_ThenExtends45()
    {
        var result = DrugInteractions.Evaluate([new ConcomitantMedication("morphine")], With(e => e with { CnsDepressantObservationExtensionMinutes = 45 }));

        Assert.Equal(45, result.ExtendsObservationMinutes);
        Assert.EndsWith("Minimum observation extended by +45 min.", Single(result.Findings, "DDI-CNS-01").Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DDI-CNS-01")]
    public void GivenNoMedications_WhenScreening_ThenNothingAndNoExtension()
    {
        var result = Evaluate();

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.ExtendsObservationMinutes);
        Assert.False(result.EnhancedBloodPressureMonitoring);
        Assert.Null(result.DiazepamEquivalentMgPerDay);
        Assert.Equal(Shipped.Version, result.ProtocolVersion);
    }

    [Fact]
    [Trait("Rule", "DDI-CNS-01")]
    public void GivenAnUnknownDrugClassifiedExplicitlyAsCnsDepressant_WhenScreening_ThenCnsWarnAndNoCatalogueGap()
    {
        var result = Evaluate(new ConcomitantMedication("quetiapine", 50m, [InteractionClass.CnsDepressant]));

        Assert.Equal(Enforcement.Warn, Single(result.Findings, "DDI-CNS-01").Level);
        None(result.Findings, "DDI-CAT-01");
    }

    [Fact]
    [Trait("Rule", "DDI-CAT-01")]
    public void GivenAnUnknownUnclassifiedDrug_WhenScreening_ThenInfoAsksForAClass()
    {
        var finding = Assert.Single(Evaluate(new ConcomitantMedication("levothyroxine", 0.1m)).Findings);

        Assert.Equal("DDI-CAT-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.Equal("DDI-CAT-01: levothyroxine is not in the interaction catalogue and has no class; classify it so the interaction rules can check it.", finding.Message);
    }

    [Theory]
    [Trait("Rule", "DDI-BZD-01")]
    [InlineData("diazepam", 8, "8")]
    [InlineData("lorazepam", 0.8, "8")]
    [InlineData("alprazolam", 0.4, "8")]
    [InlineData("clonazepam", 0.25, "5")]
    [InlineData("temazepam", 10, "5")]
    public void GivenABenzodiazepineAtOrBelow8MgDiazepamEquivalent_WhenScreening_ThenInfoWithTheTotal(string drug, double mg, string total)
    {
        var result = Evaluate(new ConcomitantMedication(drug, (decimal)mg));

        var finding = Single(result.Findings, "DDI-BZD-01");
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.StartsWith($"DDI-BZD-01: total {total} mg diazepam-equivalent/day ≤ 8 mg", finding.Message, StringComparison.Ordinal);
        Assert.Contains("conversion table NOT signed off by the medical director (placeholder factors)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), result.DiazepamEquivalentMgPerDay);
        Assert.False(result.EquivalenceTableSignedOff);
    }

    [Fact]
    [Trait("Rule", "DDI-BZD-01")]
    public void GivenDiazepam8Point01Mg_WhenScreening_ThenWarnSayingTheTableIsUnsigned()
    {
        var result = Evaluate(new ConcomitantMedication("diazepam", 8.01m));

        var finding = Single(result.Findings, "DDI-BZD-01");
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.Equal(["S47", "S48", "C"], finding.Sources);
        Assert.Equal("DDI-BZD-01: total 8.01 mg diazepam-equivalent/day > 8 mg (diazepam 8.01 mg × 1 = 8.01 mg); conversion table NOT signed off by the medical director (placeholder factors). Benzodiazepines may dampen the antidepressant effect; record doses held on the infusion day.", finding.Message);
        Assert.Equal(8.01m, result.DiazepamEquivalentMgPerDay);
    }

    [Fact]
    [Trait("Rule", "DDI-BZD-01")]
    public void GivenTwoBenzodiazepinesSummingTo10_WhenScreening_ThenWarnWithTheBreakdown()
    {
        var result = Evaluate(new ConcomitantMedication("Xanax", 0.25m), new ConcomitantMedication("clonazepam", 0.25m));

        var finding = Single(result.Findings, "DDI-BZD-01");
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.StartsWith("DDI-BZD-01: total 10 mg diazepam-equivalent/day > 8 mg (Xanax 0.25 mg × 20 = 5 mg; clonazepam 0.25 mg × 20 = 5 mg)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(10m, result.DiazepamEquivalentMgPerDay);
    }

    [Fact]
    [Trait("Rule", "DDI-BZD-01")]
    [Trait("Rule", "DDI-CNS-01")]
    public void GivenAnyBenzodiazepine_WhenScreening_ThenItIsAlsoACnsDepressant()
    {
        var result = Evaluate(new ConcomitantMedication("lorazepam", 0.5m));

        Assert.Equal(Enforcement.Warn, Single(result.Findings, "DDI-CNS-01").Level);
        Assert.Equal(30, result.ExtendsObservationMinutes);
    }

    [Theory]
    [Trait("Rule", "DDI-BZD-01")]
    [InlineData("lorazepam", null, "lorazepam (daily dose unknown)")]
    [InlineData("midazolam", 2.0, "midazolam (not in the conversion table)")]
    public void GivenABenzodiazepineThatCannotBeConverted_WhenScreening_ThenWarnRatherThanPassSilently(string drug, double? mg, string why)
    {
        var result = Evaluate(new ConcomitantMedication(drug, (decimal?)mg));

        var finding = Single(result.Findings, "DDI-BZD-01");
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.StartsWith($"DDI-BZD-01: total cannot be computed for {why}; computed part 0 mg diazepam-equivalent/day (nothing convertible)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DDI-BZD-01")]
    public void GivenOneConvertibleOverTheLimitAndOneUnknown_WhenScreening_ThenWarnListsTheUnconverted()
    {
        var finding = Single(Evaluate(new ConcomitantMedication("diazepam", 10m), new ConcomitantMedication("lorazepam")).Findings, "DDI-BZD-01");

        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.StartsWith("DDI-BZD-01: total 10 mg diazepam-equivalent/day > 8 mg (diazepam 10 mg × 1 = 10 mg; not converted: lorazepam (daily dose unknown))", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DDI-BZD-01")]
    public void GivenASignedConversionTable_WhenScreening_ThenMessageSaysSigned()
    {
        var signed = new BenzodiazepineEquivalenceTable(BenzodiazepineEquivalenceTable.Default.DiazepamMgPerMg, signedOff: true);
        var result = DrugInteractions.Evaluate([new ConcomitantMedication("diazepam", 20m)], With(e => e with { BenzodiazepineEquivalents = signed }));

        var finding = Single(result.Findings, "DDI-BZD-01");
        Assert.Contains("; conversion table signed off by the medical director.", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT", finding.Message, StringComparison.Ordinal);
        Assert.True(result.EquivalenceTableSignedOff);
    }

    [Theory]
    [Trait("Rule", "ELIG-EXC-BZD-01")]
    [InlineData(3.0, false)]
    [InlineData(3.1, true)]
    public void GivenClinicExcludesAbove3MgLorazepamEquivalent_WhenScreening_ThenHardStopAbove(double lorazepamMg, bool excluded)
    {
        var protocol = With(e => e with { BenzodiazepineExclusionAboveLorazepamEqMgPerDay = 3m });

        var findings = DrugInteractions.Evaluate([new ConcomitantMedication("lorazepam", (decimal)lorazepamMg)], protocol).Findings;

        if (excluded)
        {
            var finding = Single(findings, "ELIG-EXC-BZD-01");
            Assert.Equal(Enforcement.HardStop, finding.Level);
            Assert.Equal(ClinicalAuthority.MedicalDirector, finding.Authority);
            Assert.StartsWith("ELIG-EXC-BZD-01: 3.1 mg lorazepam-equivalent/day; the clinic excludes above 3 mg lorazepam-equivalent/day (HARD STOP", finding.Message, StringComparison.Ordinal);
        }
        else
        {
            None(findings, "ELIG-EXC-BZD-01");
        }
    }

    [Fact]
    [Trait("Rule", "ELIG-EXC-BZD-01")]
    public void GivenTheDefaultProtocol_WhenHighBenzodiazepineDose_ThenNoTrialStyleExclusion() =>
        None(Evaluate(new ConcomitantMedication("lorazepam", 6m)).Findings, "ELIG-EXC-BZD-01");

    [Fact]
    [Trait("Rule", "ELIG-EXC-BZD-01")]
    public void GivenExclusionOnAndAnUnknownDose_WhenScreening_ThenExclusionFindingFires()
    {
        var protocol = With(e => e with { BenzodiazepineExclusionAboveLorazepamEqMgPerDay = 2m, BenzodiazepineExclusionLevel = Enforcement.Warn });

        var finding = Single(DrugInteractions.Evaluate([new ConcomitantMedication("clonazepam")], protocol).Findings, "ELIG-EXC-BZD-01");

        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.StartsWith("ELIG-EXC-BZD-01: 0 mg lorazepam-equivalent/day (incomplete)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DDI-LTG-01")]
    public void GivenLamotrigine_WhenScreening_ThenInfoOnly()
    {
        var finding = Assert.Single(Evaluate(new ConcomitantMedication("Lamictal", 200m)).Findings);

        Assert.Equal("DDI-LTG-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.Equal(ClinicalAuthority.None, finding.Authority);
        Assert.Equal(["S50", "S51"], finding.Sources);
        Assert.Contains("Some clinics hold the dose on the infusion day.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DDI-NTX-01")]
    public void GivenNaltrexone_WhenScreening_ThenWarnForAPhysicianDecision()
    {
        var finding = Assert.Single(Evaluate(new ConcomitantMedication("naltrexone", 50m)).Findings);

        Assert.Equal("DDI-NTX-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.Equal("DDI-NTX-01: naltrexone active; opioid antagonism may weaken ketamine's antidepressant effect. Physician decision recorded.", finding.Message);
    }

    [Fact]
    [Trait("Rule", "DDI-MAOI-01")]
    public void GivenPhenelzine_WhenScreening_ThenWarnAndEnhancedBpMonitoring()
    {
        var result = Evaluate(new ConcomitantMedication("phenelzine", 45m));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("DDI-MAOI-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(["S3", "S38"], finding.Sources);
        Assert.Equal("DDI-MAOI-01: MAOI phenelzine active; blood pressure can rise. Enhanced BP monitoring profile.", finding.Message);
        Assert.True(result.EnhancedBloodPressureMonitoring);
        Assert.Equal(0, result.ExtendsObservationMinutes);
    }

    [Theory]
    [Trait("Rule", "DDI-STIM-01")]
    [InlineData("Adderall")]
    [InlineData("methylphenidate")]
    [InlineData("MODAFINIL")]
    public void GivenAPsychostimulant_WhenScreening_ThenWarnAndEnhancedBpMonitoring(string drug)
    {
        var result = Evaluate(new ConcomitantMedication(drug));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("DDI-STIM-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.StartsWith($"DDI-STIM-01: psychostimulant {drug} active;", finding.Message, StringComparison.Ordinal);
        Assert.True(result.EnhancedBloodPressureMonitoring);
    }

    [Fact]
    [Trait("Rule", "DDI-SSRI-01")]
    public void GivenSertraline_WhenScreening_ThenInfoAboutBpPeaks()
    {
        var finding = Assert.Single(Evaluate(new ConcomitantMedication("sertraline", 100m)).Findings);

        Assert.Equal("DDI-SSRI-01", finding.Rule.Value);
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.Equal(["S28"], finding.Sources);
        Assert.Equal("DDI-SSRI-01: SSRI sertraline active; higher BP peaks were seen with concomitant SSRIs in one observational cohort.", finding.Message);
    }

    [Fact]
    [Trait("Rule", "DDI-SSRI-01")]
    public void GivenAnSnri_WhenScreening_ThenNoSsriInfo() =>
        Assert.Empty(Evaluate(new ConcomitantMedication("duloxetine", 60m)).Findings);

    [Fact]
    public void GivenInvalidMedicationInput_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConcomitantMedication("diazepam", -1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConcomitantMedication("x", 1m, [(InteractionClass)42]));
        Assert.ThrowsAny<ArgumentException>(() => new ConcomitantMedication(""));
    }
}
