using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;

namespace KetamineClinic.Domain.Tests.Protocol;

public sealed class VitalsAndDischargeProtocolTests
{
    [Fact]
    public void GivenDefaultProtocol_WhenRead_ThenVitalsSectionHoldsTheSpecDefaults()
    {
        var p = ClinicProtocol.Default.Vitals;

        Assert.Same(VitalsProtocol.Default, p);
        Assert.Equal((180, 110, 140, 90, 90, 60), (p.PreInfusionDeferSystolicAboveMmHg, p.PreInfusionDeferDiastolicAboveMmHg, p.PreInfusionWarnSystolicAboveMmHg, p.PreInfusionWarnDiastolicAboveMmHg, p.PreInfusionWarnSystolicBelowMmHg, p.PreInfusionWarnDiastolicBelowMmHg));
        Assert.Equal((120, 45, 50, 92), (p.PreInfusionDeferHeartRateAbovePerMin, p.PreInfusionDeferHeartRateBelowPerMin, p.PreInfusionWarnHeartRateBelowPerMin, p.PreInfusionDeferSpo2BelowPercent));
        Assert.Equal((5, 1), (p.PreInfusionRepeatAfterMinutes, p.PreInfusionRepeatToleranceMinutes));
        Assert.Equal((10, 15, 5), (p.InfusionReadingIntervalMinutes, p.RecoveryReadingIntervalMinutes, p.IntensiveBpIntervalMinutes));
        Assert.Equal((160, 100, 180, 110), (p.WarnSystolicAboveMmHg, p.WarnDiastolicAboveMmHg, p.PauseSystolicAboveMmHg, p.PauseDiastolicAboveMmHg));
        Assert.Equal((110, 5, 50), (p.TachycardiaAbovePerMin, p.SustainedTachycardiaMinutes, p.BradycardiaBelowPerMin));
        Assert.Equal((92, 94, 90), (p.Spo2WarnRoomAirAtOrBelowPercent, p.Spo2WarnOnOxygenBelowPercent, p.Spo2CriticalBelowPercent));
        Assert.Equal((8, 20, 2), (p.RrFloorPerMin, p.ApneaSec, p.SedationMoaasAtOrBelow));
        Assert.Equal((2, 5, 5), (p.ConfirmationMinMinutes, p.ConfirmationMaxMinutes, p.UnconfirmedRecheckMinutes));
        Assert.Equal((2, 5, 10), (p.EscalateCriticalAfterMinutes, p.EscalateAlertAfterMinutes, p.EscalateWarnAfterMinutes));
        Assert.Equal((8, 20), (VitalsProtocol.SpecDefaultRrFloorPerMin, VitalsProtocol.SpecDefaultApneaSec));
    }

    [Fact]
    public void GivenDefaultProtocol_WhenRead_ThenDischargeSectionHoldsTheSpecDefaults()
    {
        var p = ClinicProtocol.Default.Discharge;

        Assert.Same(DischargeProtocol.Default, p);
        Assert.Equal((30, 30), (p.MinPostInfusionObservationMinutes, p.CnsDepressantExtensionMinutes));
        Assert.Equal(DischargeInstrument.Padss, p.Instrument);
        Assert.Equal(PadssVariant.Padss, p.PadssVariant);
        Assert.Equal(9, p.PadssMinimumTotal);
        Assert.Equal(AldreteCirculationVariant.MillimetresOfMercury, p.AldreteCirculation);
        Assert.Equal(AldreteThresholdVariant.NineOrMore, p.AldreteThreshold);
        Assert.Equal((180, 110, 20, 15), (p.MaxSystolicMmHg, p.MaxDiastolicMmHg, p.BpDeviationMaxPercent, p.LastReadingMaxAgeMinutes));
    }

    [Fact]
    [Trait("Rule", "VS-CFG-01")]
    public void GivenRrFloorAndApneaUnset_WhenConfigured_ThenNullIsAllowed()
    {
        var p = VitalsProtocol.Default with { RrFloorPerMin = null, ApneaSec = null };

        Assert.Null(p.RrFloorPerMin);
        Assert.Null(p.ApneaSec);
    }

    public static TheoryData<Func<VitalsProtocol>> InvalidVitals => new()
    {
        () => VitalsProtocol.Default with { PreInfusionDeferSystolicAboveMmHg = 99 },
        () => VitalsProtocol.Default with { PreInfusionDeferSystolicAboveMmHg = 251 },
        () => VitalsProtocol.Default with { PreInfusionWarnDiastolicAboveMmHg = 59 },
        () => VitalsProtocol.Default with { PreInfusionDeferSpo2BelowPercent = 99 },
        () => VitalsProtocol.Default with { PreInfusionRepeatAfterMinutes = 0 },
        () => VitalsProtocol.Default with { PreInfusionRepeatToleranceMinutes = -1 },
        () => VitalsProtocol.Default with { InfusionReadingIntervalMinutes = 0 },
        () => VitalsProtocol.Default with { RrFloorPerMin = 3 },
        () => VitalsProtocol.Default with { RrFloorPerMin = 17 },
        () => VitalsProtocol.Default with { ApneaSec = 4 },
        () => VitalsProtocol.Default with { ApneaSec = 61 },
        () => VitalsProtocol.Default with { SedationMoaasAtOrBelow = 5 },
        () => VitalsProtocol.Default with { ConfirmationMinMinutes = 0 },
        () => VitalsProtocol.Default with { EscalateCriticalAfterMinutes = 0 },
        () => VitalsProtocol.Default with { EscalateWarnAfterMinutes = 61 },
    };

    [Theory]
    [MemberData(nameof(InvalidVitals))]
    public void GivenVitalsValueOutOfRange_WhenConfigured_ThenRejected(Func<VitalsProtocol> configure) =>
        Assert.Throws<ArgumentOutOfRangeException>(configure);

    public static TheoryData<Func<DischargeProtocol>> InvalidDischarge => new()
    {
        () => DischargeProtocol.Default with { MinPostInfusionObservationMinutes = -1 },
        () => DischargeProtocol.Default with { MinPostInfusionObservationMinutes = 481 },
        () => DischargeProtocol.Default with { CnsDepressantExtensionMinutes = 241 },
        () => DischargeProtocol.Default with { PadssMinimumTotal = 11 },
        () => DischargeProtocol.Default with { BpDeviationMaxPercent = 0 },
        () => DischargeProtocol.Default with { LastReadingMaxAgeMinutes = 0 },
        () => DischargeProtocol.Default with { MaxSystolicMmHg = 221 },
        () => DischargeProtocol.Default with { Instrument = (DischargeInstrument)9 },
        () => DischargeProtocol.Default with { PadssVariant = (PadssVariant)9 },
        () => DischargeProtocol.Default with { AldreteCirculation = (AldreteCirculationVariant)9 },
        () => DischargeProtocol.Default with { AldreteThreshold = (AldreteThresholdVariant)9 },
    };

    [Theory]
    [MemberData(nameof(InvalidDischarge))]
    public void GivenDischargeValueOutOfRange_WhenConfigured_ThenRejected(Func<DischargeProtocol> configure) =>
        Assert.Throws<ArgumentOutOfRangeException>(configure);

    [Fact]
    public void GivenBoundaryValues_WhenConfigured_ThenAccepted()
    {
        var vitals = VitalsProtocol.Default with { RrFloorPerMin = 4, ApneaSec = 60, PreInfusionRepeatToleranceMinutes = 0, PreInfusionDeferSystolicAboveMmHg = 250 };
        var discharge = DischargeProtocol.Default with { MinPostInfusionObservationMinutes = 480, PadssMinimumTotal = 10, BpDeviationMaxPercent = 100 };

        Assert.Equal((4, 60, 0, 250), (vitals.RrFloorPerMin, vitals.ApneaSec, vitals.PreInfusionRepeatToleranceMinutes, vitals.PreInfusionDeferSystolicAboveMmHg));
        Assert.Equal((480, 10, 100), (discharge.MinPostInfusionObservationMinutes, discharge.PadssMinimumTotal, discharge.BpDeviationMaxPercent));
    }
}
