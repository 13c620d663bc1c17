using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>Synthetic dosing scenarios: a patient weighed yesterday, a default-protocol clinic.</summary>
internal static class DosingScenario
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly ClinicProtocol Clinic = ClinicProtocol.Default with { Version = new ProtocolVersion("test-dosing-1") };

    public static PreparationMethod Bag100 => new PreparationMethod.BagAdditive(100m);

    public static PreparationMethod OneMgPerMl => new PreparationMethod.FixedConcentration(1m);

    public static BodyMeasurements WeighedYesterday(decimal kg) => new(kg, Now.AddDays(-1));

    public static DosingDecision Plan(
        decimal kg,
        decimal mgPerKg,
        decimal vialMgPerMl = 10m,
        PreparationMethod? method = null,
        int? durationMin = null,
        ClinicProtocol? protocol = null,
        params PhysicianOverride[] overrides) =>
        DosingPlanner.Plan(
            WeighedYesterday(kg),
            new DoseOrder(mgPerKg, durationMin),
            new Preparation(vialMgPerMl, method ?? Bag100),
            protocol ?? Clinic,
            Now,
            overrides);

    public static DosePlan Prepared(this DosingDecision decision) =>
        Assert.IsType<DosingDecision.Prepare>(decision).Plan;

    public static DosingDecision.DoNotPrepare Held(this DosingDecision decision) =>
        Assert.IsType<DosingDecision.DoNotPrepare>(decision);

    public static RuleFinding Single(this IEnumerable<RuleFinding> findings, string rule, Enforcement level) =>
        Assert.Single(findings, f => f.Rule.Value == rule && f.Level == level);

    public static PhysicianOverride Override(string rule) => new(new RuleId(rule), "dr.synthetic", "Synthetic reason for a test");
}
