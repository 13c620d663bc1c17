using CsCheck;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Recovery;

namespace KetamineClinic.Domain.Tests.Recovery;

/// <summary>Aldrete and PADSS totals stay within 0–10 and equal the sum of their items, for any input.</summary>
[Trait("Rule", "DC-02")]
public sealed class DischargeScorePropertyTests
{
    private static readonly DateTimeOffset T = new(2025, 3, 3, 11, 0, 0, TimeSpan.Zero);

    private static readonly Gen<BloodPressure> AnyBp =
        Gen.Select(Gen.Int[41, 300], Gen.Int[20, 200], (s, d) => new BloodPressure(s, Math.Min(d, s - 1)));

    [Fact]
    public void GivenAnyAldreteInputs_WhenScored_ThenTotalIsZeroToTenAndTheSumOfItems() =>
        Gen.Select(
            Gen.Select(Gen.Enum<AldreteActivity>(), Gen.Enum<AldreteRespiration>(), Gen.Enum<AldreteConsciousness>(), (a, r, c) => new AldreteObservations(a, r, c)),
            AnyBp,
            AnyBp,
            Gen.Select(Gen.Int[50, 100], Gen.Enum<OxygenSupport>(), (p, o) => new Spo2(p, o)),
            Gen.Enum<AldreteCirculationVariant>())
        .Sample((observations, baseline, current, spo2, variant) =>
        {
            var result = AldreteScore.Score(observations, baseline, current, spo2, variant);
            Assert.InRange(result.Total, 0, 10);
            Assert.Equal(result.Activity + result.Respiration + result.Circulation + result.Consciousness + result.OxygenSaturation, result.Total);
            Assert.True(!AldreteScore.MeetsHomeDischarge(result, AldreteThresholdVariant.NineOrMore) || result.Consciousness == 2);
        });

    [Fact]
    public void GivenAnyPadssInputs_WhenScored_ThenTotalIsZeroToTenWithFiveItems() =>
        Gen.Select(
            Gen.Select(Gen.Bool, Gen.Bool, Gen.Enum<PadssSeverity>(), Gen.Enum<PadssSeverity>(), Gen.Enum<SurgicalBleeding>(), Gen.Bool, Gen.Bool, (o, g, p, n, b, d, v) => new PadssObservations(o, g, p, n, b, d, v)),
            Gen.Select(AnyBp, Gen.Int[20, 300], Gen.Int[0, 80], (bp, hr, rr) => new VitalsBaseline(bp, new HeartRate(hr), new RespiratoryRate(rr), null, T)),
            Gen.Select(AnyBp, Gen.Int[20, 300], Gen.Int[0, 80], (bp, hr, rr) => new VitalsReading(T.AddHours(1), bp, new HeartRate(hr), respiratoryRate: new RespiratoryRate(rr))),
            Gen.Enum<PadssVariant>())
        .Sample((observations, baseline, current, variant) =>
        {
            var result = PadssScore.Score(variant, observations, baseline, current);
            Assert.InRange(result.Total, 0, 10);
            Assert.Equal(5, result.Items.Count);
            Assert.All(result.Items, i => Assert.InRange(i.Points, 0, 2));
            Assert.Equal(result.VitalSigns.Points, result.PointsFor(PadssItem.VitalSigns));
            Assert.True(result.VitalSigns.LargestDeviationPercent >= 0);
        });
}
