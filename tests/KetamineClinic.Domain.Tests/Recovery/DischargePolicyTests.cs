using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Tests.Recovery;

public sealed class DischargePolicyTests
{
    private static readonly DateTimeOffset InfusionEnd = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    internal static DateTimeOffset Clock(int hour, int minute, int second = 0) => new(2025, 3, 3, hour, minute, second, TimeSpan.Zero);

    internal static VitalsReading Last(DateTimeOffset at, int sbp = 128, int dbp = 78, int hr = 72, int spo2 = 97) =>
        new(at, new BloodPressure(sbp, dbp), new HeartRate(hr), Spo2.RoomAir(spo2));

    /// <summary>An assessment that passes every DC rule: 45 min after the end, last reading 5 min old, PADSS 10.</summary>
    internal static DischargeAssessment Passing() => new()
    {
        DischargeAt = Clock(10, 45),
        InfusionEndedAt = InfusionEnd,
        Baseline = new VitalsBaseline(new BloodPressure(130, 80), new HeartRate(70), new RespiratoryRate(14), null, Clock(9, 0)),
        LastReading = Last(Clock(10, 40)),
        Padss = PadssScoreTests.AllGood,
        Aldrete = new AldreteObservations(AldreteActivity.MovesFourExtremities, AldreteRespiration.BreathesDeeplyAndCoughsFreely, AldreteConsciousness.FullyAwake),
        Attestation = new ClinicianAttestation(true, true, true),
        EscortDocumented = true,
        NoDrivingInstructionGiven = true,
    };

    private static readonly ClinicProtocol AldreteProtocol = ClinicProtocol.Default with
    {
        Discharge = DischargeProtocol.Default with { Instrument = DischargeInstrument.ModifiedAldrete },
    };

    private static DischargeDecision Evaluate(DischargeAssessment assessment, ClinicProtocol? protocol = null) =>
        DischargePolicy.Evaluate(assessment, protocol ?? ClinicProtocol.Default);

    [Fact]
    [Trait("Rule", "DC-01")]
    [Trait("Rule", "DC-02")]
    [Trait("Rule", "DC-03")]
    [Trait("Rule", "DC-04")]
    [Trait("Rule", "DC-05")]
    [Trait("Rule", "DC-06")]
    public void GivenEveryCriterionMet_WhenDischarging_ThenAllowedWithEveryRuleListedInOrder()
    {
        var decision = Evaluate(Passing());

        Assert.True(decision.MayDischarge);
        Assert.Equal(["DC-01", "DC-02", "DC-03", "DC-04", "DC-05", "DC-06"], decision.Rules.Select(r => r.Rule.Value));
        Assert.All(decision.Rules, r => Assert.True(r.Passed));
        Assert.All(decision.Rules, r => Assert.Null(r.Finding));
        Assert.Empty(decision.BlockingFindings);
        Assert.Equal(Clock(10, 30), decision.EarliestDischargeAt);
        Assert.Equal(DischargeInstrument.Padss, decision.Instrument);
        Assert.Equal(10, decision.Padss!.Total);
        Assert.Equal(PadssVariant.Padss, decision.Padss.Variant);
        Assert.Null(decision.Aldrete);
        Assert.Null(decision.AldreteThreshold);
        Assert.False(decision.BpDeviationNeedsAcknowledgement);
        Assert.Equal(ClinicProtocol.Default.Version, decision.ProtocolVersion);
        Assert.Equal("DC-01: 30 min of observation completed at 2025-03-03 10:30 UTC.", decision.For(DischargePolicy.Dc01).Reason);
        Assert.Equal("DC-02: PADSS 10 meets the threshold ≥9.", decision.For(DischargePolicy.Dc02).Reason);
        Assert.Equal("DC-03: last BP 128/78 mmHg at 2025-03-03 10:40 UTC, within ±20 % of baselineBP 130/80 mmHg; no unresolved VS alarm.", decision.For(DischargePolicy.Dc03).Reason);
        Assert.Equal(DepartureKind.Discharged, DischargePolicy.ClassifyDeparture(decision, handedToEmergencyServices: false));
    }

    [Theory]
    [Trait("Vector", "TV-79")]
    [Trait("Rule", "DC-01")]
    [InlineData(11, 39, 59, false)]
    [InlineData(11, 40, 0, true)]
    public void GivenOpioidAndInfusionEndedAt1040_WhenDischarging_ThenNotBefore1140(int hour, int minute, int second, bool passes)
    {
        var assessment = Passing() with
        {
            InfusionEndedAt = Clock(10, 40),
            CnsDepressantInteraction = true,
            DischargeAt = Clock(hour, minute, second),
            LastReading = Last(Clock(11, 35)),
        };

        var decision = Evaluate(assessment);

        Assert.Equal(Clock(11, 40), decision.EarliestDischargeAt);
        Assert.Equal(Clock(11, 40), DischargePolicy.EarliestDischargeAt(Clock(10, 40), cnsDepressantInteraction: true, ClinicProtocol.Default));
        Assert.Equal(passes, decision.For(DischargePolicy.Dc01).Passed);
        Assert.Equal(passes, decision.MayDischarge);
        if (!passes)
        {
            var finding = Assert.Single(decision.BlockingFindings);
            Assert.Equal(DischargePolicy.Dc01, finding.Rule);
            Assert.Equal(Enforcement.Block, finding.Level);
            Assert.Equal(ClinicalAuthority.None, finding.Authority);
            Assert.Equal(
                "DC-01: 60 min of observation (includes +30 min for DDI-CNS-01) required after the infusion ended at 2025-03-03 10:40 UTC; not before 2025-03-03 11:40 UTC.",
                finding.Message);
            Assert.Equal(DepartureKind.LeftAgainstMedicalAdvice, DischargePolicy.ClassifyDeparture(decision, handedToEmergencyServices: false));
        }
    }

    [Theory]
    [Trait("Rule", "DC-01")]
    [InlineData(29, 59, false)]
    [InlineData(30, 0, true)]
    public void GivenNoCnsDepressant_WhenDischargingAroundThirtyMinutes_ThenThirtyMinutesIsEnough(int minute, int second, bool passes)
    {
        var decision = Evaluate(Passing() with { DischargeAt = Clock(10, minute, second), LastReading = Last(Clock(10, 25)) });

        Assert.Equal(passes, decision.For(DischargePolicy.Dc01).Passed);
        Assert.Equal(Clock(10, 30), decision.EarliestDischargeAt);
    }

    [Fact]
    [Trait("Rule", "DC-01")]
    public void GivenRemsModelProtocol_WhenDischargingAfterOneHour_ThenBlockedUntilTwoHours()
    {
        var protocol = ClinicProtocol.Default with { Discharge = DischargeProtocol.Default with { MinPostInfusionObservationMinutes = 120 } };

        var decision = Evaluate(Passing() with { DischargeAt = Clock(11, 0), LastReading = Last(Clock(10, 55)) }, protocol);

        Assert.False(decision.For(DischargePolicy.Dc01).Passed);
        Assert.Equal(Clock(12, 0), decision.EarliestDischargeAt);
    }

    [Fact]
    [Trait("Vector", "TV-42")]
    [Trait("Rule", "DC-02")]
    public void GivenPadssNine_WhenDischarging_ThenDc02Passes()
    {
        var decision = Evaluate(Passing() with { Padss = PadssScoreTests.AllGood with { Voided = false } });

        Assert.True(decision.For(DischargePolicy.Dc02).Passed);
        Assert.Equal(9, decision.Padss!.Total);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenPadssEight_WhenDischarging_ThenDc02Blocks()
    {
        var decision = Evaluate(Passing() with { Padss = PadssScoreTests.AllGood with { Voided = false, DrankFluids = false } });

        var dc02 = decision.For(DischargePolicy.Dc02);
        Assert.False(dc02.Passed);
        Assert.Equal("DC-02: PADSS 8 is below the threshold ≥9.", dc02.Reason);
        Assert.False(decision.MayDischarge);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenModifiedPadssConfigured_WhenDischarging_ThenTheVariantIsRecorded()
    {
        var protocol = ClinicProtocol.Default with { Discharge = DischargeProtocol.Default with { PadssVariant = PadssVariant.ModifiedPadss } };

        var decision = Evaluate(Passing(), protocol);

        Assert.Equal(PadssVariant.ModifiedPadss, decision.Padss!.Variant);
        Assert.Equal("DC-02: modified PADSS 10 meets the threshold ≥9.", decision.For(DischargePolicy.Dc02).Reason);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenPadssNotAssessed_WhenDischarging_ThenDc02Blocks()
    {
        var decision = Evaluate(Passing() with { Padss = null });

        Assert.Equal("DC-02: PADSS has not been assessed.", decision.For(DischargePolicy.Dc02).Reason);
        Assert.False(decision.For(DischargePolicy.Dc02).Passed);
        Assert.Null(decision.Padss);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenLastReadingWithoutHeartRate_WhenScoringPadss_ThenDc02BlocksInsteadOfThrowing()
    {
        var decision = Evaluate(Passing() with { LastReading = new VitalsReading(Clock(10, 40), new BloodPressure(128, 78)) });

        Assert.False(decision.For(DischargePolicy.Dc02).Passed);
        Assert.StartsWith("DC-02: PADSS cannot be scored", decision.For(DischargePolicy.Dc02).Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Vector", "TV-39")]
    [Trait("Rule", "DC-02")]
    public void GivenAldreteNineWithConsciousnessArousableOnCalling_WhenDischargingHome_ThenDc02NotMet()
    {
        var assessment = Passing() with
        {
            Aldrete = new AldreteObservations(AldreteActivity.MovesFourExtremities, AldreteRespiration.BreathesDeeplyAndCoughsFreely, AldreteConsciousness.ArousableOnCalling),
        };

        var decision = Evaluate(assessment, AldreteProtocol);

        Assert.Equal(DischargeInstrument.ModifiedAldrete, decision.Instrument);
        Assert.Equal(AldreteThresholdVariant.NineOrMore, decision.AldreteThreshold);
        Assert.Equal(9, decision.Aldrete!.Total);
        Assert.Equal(1, decision.Aldrete.Consciousness);
        Assert.Equal(AldreteCirculationVariant.MillimetresOfMercury, decision.Aldrete.CirculationVariant);
        var dc02 = decision.For(DischargePolicy.Dc02);
        Assert.False(dc02.Passed);
        Assert.Equal("DC-02: modified Aldrete 9 meets ≥9 but consciousness = 1; home discharge needs consciousness = 2 (fully awake).", dc02.Reason);
        Assert.Null(decision.Padss);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenAldreteTenFullyAwake_WhenDischarging_ThenDc02Passes()
    {
        var decision = Evaluate(Passing(), AldreteProtocol);

        Assert.True(decision.For(DischargePolicy.Dc02).Passed);
        Assert.Equal("DC-02: modified Aldrete 10 meets ≥9 and the patient is fully awake.", decision.For(DischargePolicy.Dc02).Reason);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenAldreteEightWithoutFullRespiration_WhenDischarging_ThenDc02Fails()
    {
        var assessment = Passing() with
        {
            Aldrete = new AldreteObservations(AldreteActivity.MovesTwoExtremities, AldreteRespiration.DyspneaOrShallowBreathing, AldreteConsciousness.FullyAwake),
        };

        var nine = Evaluate(assessment, AldreteProtocol);
        var eight = Evaluate(assessment, AldreteProtocol with { Discharge = AldreteProtocol.Discharge with { AldreteThreshold = AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo } });

        Assert.Equal("DC-02: modified Aldrete 8 does not meet ≥9.", nine.For(DischargePolicy.Dc02).Reason);
        Assert.Equal("DC-02: modified Aldrete 8 does not meet ≥8 with respiration and SpO2 each = 2 (threshold-only variant).", eight.For(DischargePolicy.Dc02).Reason);
        Assert.Equal(AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo, eight.AldreteThreshold);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenAldreteEightWithFullRespirationAndSpo2OnThresholdOnlyVariant_WhenDischarging_ThenDc02Passes()
    {
        var assessment = Passing() with
        {
            Aldrete = new AldreteObservations(AldreteActivity.MovesNoExtremities, AldreteRespiration.BreathesDeeplyAndCoughsFreely, AldreteConsciousness.FullyAwake),
        };
        var protocol = AldreteProtocol with { Discharge = AldreteProtocol.Discharge with { AldreteThreshold = AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo } };

        Assert.True(Evaluate(assessment, protocol).For(DischargePolicy.Dc02).Passed);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenAldreteNotAssessedOrNoSpo2_WhenDischarging_ThenDc02Blocks()
    {
        Assert.Equal("DC-02: the modified Aldrete score has not been assessed.", Evaluate(Passing() with { Aldrete = null }, AldreteProtocol).For(DischargePolicy.Dc02).Reason);
        var noSpo2 = Passing() with { LastReading = new VitalsReading(Clock(10, 40), new BloodPressure(128, 78), new HeartRate(70)) };
        Assert.StartsWith("DC-02: the modified Aldrete score cannot be scored", Evaluate(noSpo2, AldreteProtocol).For(DischargePolicy.Dc02).Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public void GivenPercentCirculationVariant_WhenDischarging_ThenTheVariantIsRecorded()
    {
        var protocol = AldreteProtocol with { Discharge = AldreteProtocol.Discharge with { AldreteCirculation = AldreteCirculationVariant.PercentOfBaseline } };

        Assert.Equal(AldreteCirculationVariant.PercentOfBaseline, Evaluate(Passing(), protocol).Aldrete!.CirculationVariant);
    }

    [Fact]
    [Trait("Vector", "TV-89")]
    [Trait("Rule", "DC-03")]
    public void GivenLastBp200Over120TenMinutesOldAndPhysicianAcknowledgement_WhenDischarging_ThenRefused()
    {
        var assessment = Passing() with
        {
            LastReading = Last(Clock(10, 35), 200, 120),
            BpDeviationAcknowledgedByPhysician = true,
        };

        // "All other DC rules met": at 200/120 the PADSS vital-signs item is 0, so this clinic's PADSS threshold is 8.
        var decision = Evaluate(assessment, ClinicProtocol.Default with { Discharge = DischargeProtocol.Default with { PadssMinimumTotal = 8 } });

        Assert.False(decision.MayDischarge);
        var dc03 = decision.For(DischargePolicy.Dc03);
        Assert.False(dc03.Passed);
        Assert.Equal("DC-03: BP 200/120 mmHg is above 180/110 mmHg, which no acknowledgement can release.", dc03.Reason);
        Assert.False(decision.BpDeviationNeedsAcknowledgement);
        Assert.Equal(Enforcement.Block, dc03.Finding!.Level);
        Assert.Equal([DischargePolicy.Dc03], decision.BlockingFindings.Select(f => f.Rule));
    }

    [Fact]
    [Trait("Vector", "TV-90")]
    [Trait("Rule", "DC-03")]
    public void GivenBaseline130Over80AndLast160Over85_WhenNotAcknowledged_ThenDc03NeedsPhysicianAcknowledgementAndPadssVitalsIsOne()
    {
        var assessment = Passing() with { LastReading = Last(Clock(10, 35), 160, 85, hr: 75) };

        var decision = Evaluate(assessment);

        var dc03 = decision.For(DischargePolicy.Dc03);
        Assert.False(dc03.Passed);
        Assert.Equal("DC-03: BP 160/85 mmHg is more than ±20 % from baselineBP 130/80 mmHg and no physician has acknowledged the deviation.", dc03.Reason);
        Assert.True(decision.BpDeviationNeedsAcknowledgement);
        Assert.Equal(1, decision.Padss!.VitalSigns.Points);
        Assert.Equal(23.08m, decision.Padss.VitalSigns.LargestDeviationPercent);
    }

    [Fact]
    [Trait("Vector", "TV-90")]
    [Trait("Rule", "DC-03")]
    public void GivenBaseline130Over80AndLast160Over85_WhenPhysicianAcknowledges_ThenDc03Passes()
    {
        var assessment = Passing() with { LastReading = Last(Clock(10, 35), 160, 85, hr: 75), BpDeviationAcknowledgedByPhysician = true };

        var decision = Evaluate(assessment);

        var dc03 = decision.For(DischargePolicy.Dc03);
        Assert.True(dc03.Passed);
        Assert.Equal("DC-03: last BP 160/85 mmHg at 2025-03-03 10:35 UTC, beyond ±20 % of baselineBP 130/80 mmHg, acknowledged by a physician; no unresolved VS alarm.", dc03.Reason);
        Assert.False(decision.BpDeviationNeedsAcknowledgement);
        Assert.Equal(1, decision.Padss!.PointsFor(PadssItem.VitalSigns));
    }

    [Theory]
    [Trait("Rule", "DC-03")]
    [InlineData(156, 80, true)]
    [InlineData(157, 80, false)]
    [InlineData(130, 96, true)]
    [InlineData(130, 97, false)]
    [InlineData(104, 64, true)]
    [InlineData(103, 64, false)]
    public void GivenBpAroundTwentyPercentOfBaseline_WhenNotAcknowledged_ThenOnlyWithinTwentyPercentPasses(int sbp, int dbp, bool passes) =>
        Assert.Equal(passes, Evaluate(Passing() with { LastReading = Last(Clock(10, 40), sbp, dbp) }).For(DischargePolicy.Dc03).Passed);

    [Theory]
    [Trait("Rule", "DC-03")]
    [InlineData(180, 100, true)]
    [InlineData(181, 100, false)]
    [InlineData(170, 110, true)]
    [InlineData(170, 111, false)]
    public void GivenBpAroundTheNeverAcknowledgeableLimit_WhenAcknowledged_ThenAbove180Over110StillBlocks(int sbp, int dbp, bool passes)
    {
        var assessment = Passing() with
        {
            Baseline = new VitalsBaseline(new BloodPressure(170, 100), new HeartRate(70), null, null, Clock(9, 0)),
            LastReading = Last(Clock(10, 40), sbp, dbp),
            BpDeviationAcknowledgedByPhysician = true,
        };

        Assert.Equal(passes, Evaluate(assessment).For(DischargePolicy.Dc03).Passed);
    }

    [Theory]
    [Trait("Rule", "DC-03")]
    [InlineData(15, 0, true)]
    [InlineData(15, 1, false)]
    public void GivenLastReadingAgeAroundFifteenMinutes_WhenDischarging_ThenOlderThanFifteenBlocks(int minutes, int seconds, bool passes)
    {
        var at = Clock(10, 45).AddMinutes(-minutes).AddSeconds(-seconds);

        var dc03 = Evaluate(Passing() with { LastReading = Last(at) }).For(DischargePolicy.Dc03);

        Assert.Equal(passes, dc03.Passed);
        if (!passes)
        {
            Assert.Equal("DC-03: the last BP was taken at 2025-03-03 10:29 UTC, more than 15 min before discharge; measure again.", dc03.Reason);
        }
    }

    [Fact]
    [Trait("Rule", "DC-03")]
    public void GivenUnresolvedVitalSignAlarm_WhenDischarging_ThenDc03BlocksNamingIt()
    {
        var dc03 = Evaluate(Passing() with { UnresolvedAlarms = [VitalsPolicy.VsBp01, VitalsPolicy.VsHr01] }).For(DischargePolicy.Dc03);

        Assert.False(dc03.Passed);
        Assert.Equal("DC-03: unresolved VS alarm(s): VS-BP-01, VS-HR-01.", dc03.Reason);
    }

    [Fact]
    [Trait("Rule", "DC-03")]
    public void GivenLastReadingWithoutBp_WhenDischarging_ThenDc03Blocks() =>
        Assert.Equal(
            "DC-03: the last reading has no BP.",
            Evaluate(Passing() with { LastReading = new VitalsReading(Clock(10, 40), heartRate: new HeartRate(70)) }).For(DischargePolicy.Dc03).Reason);

    [Fact]
    [Trait("Rule", "DC-03")]
    public void GivenSeveralDc03Problems_WhenDischarging_ThenAllAreListed()
    {
        var assessment = Passing() with { LastReading = Last(Clock(10, 0), 190, 100), UnresolvedAlarms = [VitalsPolicy.VsBp02] };

        var dc03 = Evaluate(assessment).For(DischargePolicy.Dc03);

        Assert.Equal(
            "DC-03: the last BP was taken at 2025-03-03 10:00 UTC, more than 15 min before discharge; measure again; BP 190/100 mmHg is above 180/110 mmHg, which no acknowledgement can release; BP 190/100 mmHg is more than ±20 % from baselineBP 130/80 mmHg and no physician has acknowledged the deviation; unresolved VS alarm(s): VS-BP-02.",
            dc03.Reason);
    }

    [Theory]
    [Trait("Rule", "DC-04")]
    [InlineData(false, true, true, "DC-04: dissociation not resolved.")]
    [InlineData(true, false, true, "DC-04: sedation not resolved.")]
    [InlineData(true, true, false, "DC-04: new psychotic symptoms.")]
    [InlineData(false, false, false, "DC-04: dissociation not resolved; sedation not resolved; new psychotic symptoms.")]
    public void GivenIncompleteAttestation_WhenDischarging_ThenDc04Blocks(bool dissociation, bool sedation, bool noPsychosis, string reason)
    {
        var dc04 = Evaluate(Passing() with { Attestation = new ClinicianAttestation(dissociation, sedation, noPsychosis) }).For(DischargePolicy.Dc04);

        Assert.False(dc04.Passed);
        Assert.Equal(reason, dc04.Reason);
    }

    [Fact]
    [Trait("Rule", "DC-04")]
    public void GivenNoAttestation_WhenDischarging_ThenDc04Blocks() =>
        Assert.False(Evaluate(Passing() with { Attestation = null }).For(DischargePolicy.Dc04).Passed);

    public static TheoryData<SuicideRiskLevel, SuicideRiskActions, bool, string> SuicideRiskCases => new()
    {
        { SuicideRiskLevel.None, SuicideRiskActions.NoneCompleted, true, "DC-05: no SI trigger fired in this encounter." },
        { SuicideRiskLevel.SI1, SuicideRiskActions.NoneCompleted, false, "DC-05: SI-1: the clinician-review Task is not done." },
        { SuicideRiskLevel.SI1, new SuicideRiskActions { ClinicianReviewDone = true }, true, "DC-05: SI-1 clinician review done." },
        { SuicideRiskLevel.SI1, new SuicideRiskActions { ClinicianAssessmentDone = true }, true, "DC-05: SI-1 clinician review done." },
        {
            SuicideRiskLevel.SI2,
            new SuicideRiskActions { ClinicianAssessmentDone = true, SafetyPlanCompletedOrReviewed = true, FollowUpWithin72HoursBooked = true },
            true,
            "DC-05: SI-2 actions complete (clinician assessment, safety plan, follow-up within 72 h)."
        },
        {
            SuicideRiskLevel.SI2,
            new SuicideRiskActions { ClinicianReviewDone = true, SafetyPlanCompletedOrReviewed = true },
            false,
            "DC-05: SI-2 actions not complete: clinician assessment, follow-up contact within 72 h booked."
        },
        {
            SuicideRiskLevel.SI2,
            new SuicideRiskActions { ClinicianAssessmentDone = true, FollowUpWithin72HoursBooked = true },
            false,
            "DC-05: SI-2 actions not complete: safety plan completed or reviewed."
        },
        { SuicideRiskLevel.SI3, SuicideRiskActions.NoneCompleted, false, "DC-05: SI-3: the medical director's disposition is not recorded." },
        { SuicideRiskLevel.SI3, new SuicideRiskActions { MedicalDirectorDisposition = Si3Disposition.HomeDischargeApproved }, true, "DC-05: SI-3 medical director's disposition recorded: home discharge approved." },
        { SuicideRiskLevel.SI3, new SuicideRiskActions { MedicalDirectorDisposition = Si3Disposition.HigherLevelOfCare }, false, "DC-05: SI-3: the medical director chose a higher level of care; not a home discharge." },
        {
            SuicideRiskLevel.SI4,
            new SuicideRiskActions { ClinicianReviewDone = true, ClinicianAssessmentDone = true, SafetyPlanCompletedOrReviewed = true, FollowUpWithin72HoursBooked = true, MedicalDirectorDisposition = Si3Disposition.HomeDischargeApproved },
            false,
            "DC-05: SI-4 (imminent danger) ends the encounter with an emergency hand-off, never a home discharge."
        },
    };

    [Theory]
    [Trait("Rule", "DC-05")]
    [MemberData(nameof(SuicideRiskCases))]
    public void GivenEncounterSiLevelAndCompletedActions_WhenDischarging_ThenDc05(SuicideRiskLevel level, SuicideRiskActions actions, bool passes, string reason)
    {
        var dc05 = Evaluate(Passing() with { HighestSuicideRiskLevel = level, SuicideRiskActions = actions }).For(DischargePolicy.Dc05);

        Assert.Equal(passes, dc05.Passed);
        Assert.Equal(reason, dc05.Reason);
    }

    [Theory]
    [Trait("Rule", "DC-06")]
    [InlineData(false, true, "DC-06: no responsible adult escort documented.")]
    [InlineData(true, false, "DC-06: no-driving instruction not given.")]
    [InlineData(false, false, "DC-06: no responsible adult escort documented; no-driving instruction not given.")]
    public void GivenEscortOrDrivingInstructionMissing_WhenDischarging_ThenDc06Blocks(bool escort, bool noDriving, string reason)
    {
        var dc06 = Evaluate(Passing() with { EscortDocumented = escort, NoDrivingInstructionGiven = noDriving }).For(DischargePolicy.Dc06);

        Assert.False(dc06.Passed);
        Assert.Equal(reason, dc06.Reason);
        Assert.Equal(["C", "S1", "S4", "S5"], dc06.Sources);
    }

    [Fact]
    public void GivenDischargeInstantBeforeTheInfusionEnded_WhenDischarging_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Evaluate(Passing() with { DischargeAt = Clock(9, 59) }));

    [Fact]
    [Trait("Rule", "DC-05")]
    public void GivenSi4HandOff_WhenPatientLeaves_ThenEmergencyTransferNotDischarge()
    {
        var decision = Evaluate(Passing() with { HighestSuicideRiskLevel = SuicideRiskLevel.SI4 });

        Assert.Equal(DepartureKind.EmergencyTransfer, DischargePolicy.ClassifyDeparture(decision, handedToEmergencyServices: true));
        Assert.Equal(DepartureKind.LeftAgainstMedicalAdvice, DischargePolicy.ClassifyDeparture(decision, handedToEmergencyServices: false));
    }

    [Fact]
    public void GivenProtocolVersion_WhenDischarging_ThenDecisionRecordsIt() =>
        Assert.Equal(new ProtocolVersion("2026.3"), Evaluate(Passing(), ClinicProtocol.Default with { Version = new ProtocolVersion("2026.3") }).ProtocolVersion);

    [Fact]
    public void GivenDischargeChecklist_WhenListed_ThenHoldsTheEightSection54Items() =>
        Assert.Equal(
            [
                DischargeChecklistItem.NauseaVomiting,
                DischargeChecklistItem.Dizziness,
                DischargeChecklistItem.Headache,
                DischargeChecklistItem.DissociationOrPerceptualChange,
                DischargeChecklistItem.Sedation,
                DischargeChecklistItem.AnxietyOrAgitation,
                DischargeChecklistItem.BloodPressureStatus,
                DischargeChecklistItem.EscortAndDrivingAcknowledgement,
            ],
            Enum.GetValues<DischargeChecklistItem>());
}

public sealed class DischargePolicyTextTests
{
    private static DischargeDecision Evaluate(DischargeAssessment assessment) => DischargePolicy.Evaluate(assessment, ClinicProtocol.Default);

    [Fact]
    public void GivenRuleIds_WhenRead_ThenMatchTheSpec() =>
        Assert.Equal(
            ["DC-01", "DC-02", "DC-03", "DC-04", "DC-05", "DC-06"],
            new[] { DischargePolicy.Dc01, DischargePolicy.Dc02, DischargePolicy.Dc03, DischargePolicy.Dc04, DischargePolicy.Dc05, DischargePolicy.Dc06 }.Select(r => r.Value));

    [Fact]
    [Trait("Rule", "DC-01")]
    [Trait("Rule", "DC-02")]
    [Trait("Rule", "DC-03")]
    [Trait("Rule", "DC-04")]
    [Trait("Rule", "DC-05")]
    [Trait("Rule", "DC-06")]
    public void GivenEveryCriterionMet_WhenDischarging_ThenEachRuleGivesItsReasonAndSources()
    {
        var decision = Evaluate(DischargePolicyTests.Passing());

        Assert.Equal(
            [
                ("DC-04: the clinician attests dissociation and sedation resolved and no new psychotic symptoms.", new[] { "C" }),
                ("DC-05: no SI trigger fired in this encounter.", new[] { "C", "S58", "S69", "S71" }),
                ("DC-06: escort documented and no-driving instruction given.", new[] { "C", "S1", "S4", "S5" }),
            ],
            decision.Rules.Skip(3).Select(r => (r.Reason, r.Sources.ToArray())));
        Assert.Equal(["C", "S4", "S5"], decision.For(DischargePolicy.Dc01).Sources);
        Assert.Equal(["C", "S55", "S57", "S59"], decision.For(DischargePolicy.Dc02).Sources);
        Assert.Equal(["C", "S55", "S57"], decision.For(DischargePolicy.Dc03).Sources);
    }

    [Fact]
    [Trait("Vector", "TV-79")]
    [Trait("Rule", "DC-01")]
    public void GivenCnsDepressantAndSixtyMinutesPassed_WhenDischarging_ThenReasonShowsTheExtension()
    {
        var assessment = DischargePolicyTests.Passing() with
        {
            InfusionEndedAt = DischargePolicyTests.Clock(10, 40),
            CnsDepressantInteraction = true,
            DischargeAt = DischargePolicyTests.Clock(11, 40),
            LastReading = DischargePolicyTests.Last(DischargePolicyTests.Clock(11, 35)),
        };

        Assert.Equal("DC-01: 60 min of observation (includes +30 min for DDI-CNS-01) completed at 2025-03-03 11:40 UTC.", Evaluate(assessment).For(DischargePolicy.Dc01).Reason);
    }

    [Fact]
    [Trait("Rule", "DC-01")]
    public void GivenNoCnsDepressantAndTooEarly_WhenDischarging_ThenReasonHasNoExtension()
    {
        var decision = Evaluate(DischargePolicyTests.Passing() with { DischargeAt = DischargePolicyTests.Clock(10, 0) });

        Assert.Equal("DC-01: 30 min of observation required after the infusion ended at 2025-03-03 10:00 UTC; not before 2025-03-03 10:30 UTC.", decision.For(DischargePolicy.Dc01).Reason);
        Assert.Equal(DischargePolicyTests.Clock(10, 30), DischargePolicy.EarliestDischargeAt(DischargePolicyTests.Clock(10, 0), cnsDepressantInteraction: false, ClinicProtocol.Default));
    }

    [Fact]
    [Trait("Rule", "DC-04")]
    public void GivenNoAttestation_WhenDischarging_ThenReasonAndSource()
    {
        var dc04 = Evaluate(DischargePolicyTests.Passing() with { Attestation = null }).For(DischargePolicy.Dc04);

        Assert.Equal("DC-04: no clinician attestation yet (dissociation, sedation, psychotic symptoms).", dc04.Reason);
        Assert.Equal(["C"], dc04.Sources);
        Assert.Equal(["C"], Evaluate(DischargePolicyTests.Passing() with { Attestation = new ClinicianAttestation(false, true, true) }).For(DischargePolicy.Dc04).Sources);
    }

    [Fact]
    [Trait("Rule", "DC-03")]
    public void GivenLastReadingWithoutBp_WhenDischarging_ThenNoAcknowledgementIsOffered() =>
        Assert.False(Evaluate(DischargePolicyTests.Passing() with { LastReading = new VitalsReading(DischargePolicyTests.Clock(10, 40), heartRate: new HeartRate(70)) }).BpDeviationNeedsAcknowledgement);

    [Fact]
    public void GivenDischargeAtTheInstantTheInfusionEnded_WhenDischarging_ThenEvaluatedNotRejected()
    {
        var decision = Evaluate(DischargePolicyTests.Passing() with { DischargeAt = DischargePolicyTests.Clock(10, 0), LastReading = DischargePolicyTests.Last(DischargePolicyTests.Clock(9, 58)) });

        Assert.False(decision.For(DischargePolicy.Dc01).Passed);
        Assert.StartsWith(
            "Discharge cannot be requested before the infusion ended.",
            Assert.Throws<ArgumentException>(() => Evaluate(DischargePolicyTests.Passing() with { DischargeAt = DischargePolicyTests.Clock(9, 59) })).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void GivenUnknownRule_WhenLookedUp_ThenRejected() =>
        Assert.Throws<InvalidOperationException>(() => Evaluate(DischargePolicyTests.Passing()).For("DC-99"));

    [Fact]
    public void GivenNullArguments_WhenDischarging_ThenRejected()
    {
        Assert.Throws<ArgumentNullException>(() => DischargePolicy.Evaluate(null!, ClinicProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => DischargePolicy.Evaluate(DischargePolicyTests.Passing(), null!));
        Assert.Throws<ArgumentNullException>(() => DischargePolicy.ClassifyDeparture(null!, false));
        Assert.Throws<ArgumentNullException>(() => DischargePolicy.EarliestDischargeAt(DischargePolicyTests.Clock(10, 0), false, null!));
        Assert.Throws<ArgumentNullException>(() => AldreteScore.Score(null!, new BloodPressure(120, 80), new BloodPressure(120, 80), Spo2.RoomAir(97), AldreteCirculationVariant.MillimetresOfMercury));
        Assert.Throws<ArgumentNullException>(() => AldreteScore.MeetsThreshold(null!, AldreteThresholdVariant.NineOrMore));
        var baseline = new VitalsBaseline(new BloodPressure(130, 80), new HeartRate(70), null, null, DischargePolicyTests.Clock(9, 0));
        var current = DischargePolicyTests.Last(DischargePolicyTests.Clock(10, 40));
        Assert.Throws<ArgumentNullException>(() => PadssScore.Score(PadssVariant.Padss, null!, baseline, current));
        Assert.Throws<ArgumentNullException>(() => PadssScore.VitalSignsItem(null!, current));
        Assert.Throws<ArgumentNullException>(() => PadssScore.VitalSignsItem(baseline, null!));
    }

    [Fact]
    public void GivenSmallerAbsoluteButLargerRelativeChange_WhenScoringPadssVitals_ThenTheRelativeDeviationDecides()
    {
        var baseline = new VitalsBaseline(new BloodPressure(130, 80), new HeartRate(70), null, null, DischargePolicyTests.Clock(9, 0));

        var item = PadssScore.VitalSignsItem(baseline, DischargePolicyTests.Last(DischargePolicyTests.Clock(10, 40), 150, 80, hr: 95));

        Assert.Equal((1, 35.71m, PadssVital.HeartRate), (item.Points, item.LargestDeviationPercent, item.LargestDeviationIn));
    }

    [Fact]
    public void GivenInvalidScoreInputs_WhenRejected_ThenMessagesSayWhy()
    {
        Assert.StartsWith("Unknown circulation variant.", Assert.Throws<ArgumentOutOfRangeException>(() => new AldreteResult(2, 2, 2, 2, 2, (AldreteCirculationVariant)5)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Aldrete item activity must be 0–2.", Assert.Throws<ArgumentOutOfRangeException>(() => new AldreteResult(3, 2, 2, 2, 2, AldreteCirculationVariant.MillimetresOfMercury)).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "The PADSS vital-signs item needs BP and HR",
            Assert.Throws<ArgumentException>(() => PadssScore.VitalSignsItem(new VitalsBaseline(new BloodPressure(130, 80), null, null, null, DischargePolicyTests.Clock(9, 0)), DischargePolicyTests.Last(DischargePolicyTests.Clock(10, 40)))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("Instrument is not a known value.", Assert.Throws<ArgumentOutOfRangeException>(() => DischargeProtocol.Default with { Instrument = (DischargeInstrument)9 }).Message, StringComparison.Ordinal);
        Assert.StartsWith("PadssMinimumTotal must be 0–10.", Assert.Throws<ArgumentOutOfRangeException>(() => DischargeProtocol.Default with { PadssMinimumTotal = 11 }).Message, StringComparison.Ordinal);
    }
}

public sealed class DischargePolicySourceTests
{
    [Fact]
    [Trait("Rule", "DC-01")]
    [Trait("Rule", "DC-02")]
    public void GivenFailingDc01AndDc02_WhenDischarging_ThenTheirFindingsKeepTheirSources()
    {
        var decision = DischargePolicy.Evaluate(
            DischargePolicyTests.Passing() with { DischargeAt = DischargePolicyTests.Clock(10, 10), Padss = null, LastReading = DischargePolicyTests.Last(DischargePolicyTests.Clock(10, 5)) },
            ClinicProtocol.Default);

        Assert.Equal(["C", "S4", "S5"], decision.For(DischargePolicy.Dc01).Finding!.Sources);
        Assert.Equal(["C", "S55", "S57", "S59"], decision.For(DischargePolicy.Dc02).Finding!.Sources);
    }

    [Fact]
    public void GivenHeartRateFallAndSmallerSystolicRise_WhenScoringPadssVitals_ThenTheFallDecides()
    {
        var baseline = new VitalsBaseline(new BloodPressure(130, 80), new HeartRate(70), null, null, DischargePolicyTests.Clock(9, 0));

        var item = PadssScore.VitalSignsItem(baseline, DischargePolicyTests.Last(DischargePolicyTests.Clock(10, 40), 150, 80, hr: 45));

        Assert.Equal((1, 35.71m, PadssVital.HeartRate), (item.Points, item.LargestDeviationPercent, item.LargestDeviationIn));
    }
}
