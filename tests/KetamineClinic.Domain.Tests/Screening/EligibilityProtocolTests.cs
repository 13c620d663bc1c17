using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class EligibilityProtocolTests
{
    private static readonly EligibilityProtocol D = EligibilityProtocol.Default;

    [Fact]
    public void GivenTheShippedProtocol_WhenRead_ThenItHoldsTheSpecDefaults()
    {
        Assert.Same(D, ClinicProtocol.Default.Eligibility);
        Assert.Equal(4m, D.MinTrialWeeks);
        Assert.Equal(2, D.RequiredAdequateFailures);
        Assert.Equal(Enforcement.HardStop, D.NotTreatmentResistantLevel);
        Assert.Equal(18, D.MinimumAgeYears);
        Assert.Null(D.MaximumAgeYears);
        Assert.Equal(65, D.OlderAdultWarnAboveYears);
        Assert.Equal(30, D.PregnancyTestValidDays);
        Assert.Empty(D.StricterContraindicationLevels);
        Assert.Equal(90, D.RecentKetamineUseWindowDays);
        Assert.Equal(Enforcement.Warn, D.RecentKetamineUseLevel);
        Assert.Null(D.BenzodiazepineExclusionAboveLorazepamEqMgPerDay);
        Assert.Equal(Enforcement.HardStop, D.BenzodiazepineExclusionLevel);
        Assert.Equal(30, D.CnsDepressantObservationExtensionMinutes);
        Assert.Equal(8m, DrugInteractions.BenzodiazepineWarnAboveDiazepamEqMgPerDay);
        Assert.Equal(2, TreatmentResistance.TrdThreshold);
    }

    [Fact]
    [Trait("Rule", "ELIG-TRD-02")]
    [Trait("Rule", "DDI-BZD-01")]
    public void GivenTheShippedDrugTables_WhenRead_ThenBothAreUnsignedPlaceholders()
    {
        Assert.False(D.MinimumEffectiveDoses.SignedOff);
        Assert.False(D.BenzodiazepineEquivalents.SignedOff);
        Assert.Equal(50m, D.MinimumEffectiveDoses.MinimumMgPerDay("Zoloft"));
        Assert.Equal(300m, D.MinimumEffectiveDoses.MinimumMgPerDay("Bupropion XL"));
        Assert.Null(D.MinimumEffectiveDoses.MinimumMgPerDay("ketamine"));
        Assert.Equal(10m, D.BenzodiazepineEquivalents.FactorFor("Ativan"));
        Assert.Equal(0.4m, D.BenzodiazepineEquivalents.FactorFor("chlordiazepoxide"));
        Assert.Null(D.BenzodiazepineEquivalents.FactorFor("midazolam"));
    }

    [Theory]
    [Trait("Rule", "ELIG-TRD-02")]
    [InlineData(3.99, false)]
    [InlineData(4, true)]
    [InlineData(6, true)]
    [InlineData(6.01, false)]
    public void GivenMinTrialWeeks_WhenConfiguring_ThenOnly4To6(double weeks, bool ok) =>
        Check(ok, () => D with { MinTrialWeeks = (decimal)weeks });

    [Theory]
    [Trait("Rule", "ELIG-INC-TRD-01")]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void GivenRequiredFailures_WhenConfiguring_ThenOnly2Or3(int n, bool ok) =>
        Check(ok, () => D with { RequiredAdequateFailures = n });

    [Theory]
    [Trait("Rule", "ELIG-INC-TRD-01")]
    [Trait("Rule", "ELIG-EXC-KET-01")]
    [Trait("Rule", "ELIG-EXC-BZD-01")]
    [InlineData(Enforcement.Info, false)]
    [InlineData(Enforcement.Warn, true)]
    [InlineData(Enforcement.HardStop, true)]
    [InlineData(Enforcement.Block, true)]
    [InlineData((Enforcement)7, false)]
    public void GivenAPolicyLevel_WhenConfiguring_ThenInfoOrUndefinedRejected(Enforcement level, bool ok)
    {
        Check(ok, () => D with { NotTreatmentResistantLevel = level });
        Check(ok, () => D with { RecentKetamineUseLevel = level });
        Check(ok, () => D with { BenzodiazepineExclusionLevel = level });
    }

    [Theory]
    [Trait("Rule", "ELIG-INC-AGE-02")]
    [InlineData(17, false)]
    [InlineData(18, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void GivenMinimumAge_WhenConfiguring_ThenAdultOnly(int age, bool ok) =>
        Check(ok, () => D with { MinimumAgeYears = age });

    [Theory]
    [Trait("Rule", "ELIG-INC-AGE-02")]
    [InlineData(17, false)]
    [InlineData(18, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void GivenMaximumAge_WhenConfiguring_Then18To120(int age, bool ok) =>
        Check(ok, () => D with { MaximumAgeYears = age });

    [Theory]
    [Trait("Rule", "CI-REL-07")]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void GivenOlderAdultThreshold_WhenConfiguring_Then50To100(int age, bool ok) =>
        Check(ok, () => D with { OlderAdultWarnAboveYears = age });

    [Theory]
    [Trait("Rule", "PREG-01")]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void GivenPregnancyRetestDays_WhenConfiguring_Then1To90(int days, bool ok) =>
        Check(ok, () => D with { PregnancyTestValidDays = days });

    [Theory]
    [Trait("Rule", "ELIG-EXC-KET-01")]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public void GivenKetamineWindow_WhenConfiguring_Then0To365(int days, bool ok) =>
        Check(ok, () => D with { RecentKetamineUseWindowDays = days });

    [Theory]
    [Trait("Rule", "ELIG-EXC-BZD-01")]
    [InlineData(0.49, false)]
    [InlineData(0.5, true)]
    [InlineData(20, true)]
    [InlineData(20.01, false)]
    public void GivenBzdExclusionThreshold_WhenConfiguring_Then0Point5To20(double mg, bool ok) =>
        Check(ok, () => D with { BenzodiazepineExclusionAboveLorazepamEqMgPerDay = (decimal)mg });

    [Theory]
    [Trait("Rule", "DDI-CNS-01")]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(240, true)]
    [InlineData(241, false)]
    public void GivenObservationExtension_WhenConfiguring_Then0To240(int minutes, bool ok) =>
        Check(ok, () => D with { CnsDepressantObservationExtensionMinutes = minutes });

    [Fact]
    public void GivenNullTables_WhenConfiguring_ThenRejected()
    {
        Assert.Throws<ArgumentNullException>(() => D with { MinimumEffectiveDoses = null! });
        Assert.Throws<ArgumentNullException>(() => D with { BenzodiazepineEquivalents = null! });
        Assert.Throws<ArgumentNullException>(() => D with { StricterContraindicationLevels = null! });
    }

    [Fact]
    public void GivenBadTableRows_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AntidepressantDoseTable([new("sertraline", 0m)], false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenzodiazepineEquivalenceTable([new("diazepam", -1m)], false));
        Assert.ThrowsAny<ArgumentException>(() => new AntidepressantDoseTable([new(" ", 10m)], false));
        Assert.ThrowsAny<ArgumentException>(() => new BenzodiazepineEquivalenceTable([new("", 1m)], false));
    }

    [Fact]
    public void GivenConsistentAgeRange_WhenChecking_ThenAccepted()
    {
        (D with { MinimumAgeYears = 60, MaximumAgeYears = 60 }).EnsureConsistent();
        Assert.Throws<InvalidOperationException>(() => (D with { MinimumAgeYears = 61, MaximumAgeYears = 60 }).EnsureConsistent());
    }

    private static void Check(bool ok, Func<EligibilityProtocol> configure)
    {
        if (ok)
        {
            Assert.NotNull(configure());
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(configure);
        }
    }
}
