using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Tests.Screening;

/// <summary>Builders for synthetic screening scenarios (no real patient data).</summary>
internal static class Screen
{
    /// <summary>The date every scenario is evaluated on.</summary>
    public static readonly DateOnly Today = new(2026, 3, 15);

    public static ClinicProtocol Shipped => ClinicProtocol.Default;

    public static ClinicProtocol With(Func<EligibilityProtocol, EligibilityProtocol> change) =>
        ClinicProtocol.Default with { Version = new ProtocolVersion("test-1"), Eligibility = change(EligibilityProtocol.Default) };

    public static TrialOutcome NonResponse => new TrialOutcome.ClinicianDocumentedNonResponse();

    public static TrialOutcome Response => new TrialOutcome.ClinicianDocumentedResponse();

    public static TrialOutcome NotAssessed => new TrialOutcome.NotAssessed();

    /// <summary>An adequate, adherent, failed trial unless the arguments say otherwise.</summary>
    public static TreatmentTrial Failed(string drug, decimal mg, decimal weeks = 8m, AdherenceStatus adherence = AdherenceStatus.Confirmed, bool currentEpisode = true) =>
        TreatmentTrial.Antidepressant(drug, mg, weeks, adherence, NonResponse, inCurrentEpisode: currentEpisode);

    public static TreatmentTrial BilateralEctFailed => TreatmentTrial.Ect(EctLaterality.Bilateral, NonResponse);

    /// <summary>Born so that the patient is <paramref name="years"/> on <see cref="Today"/>.</summary>
    public static DateOnly BornAged(int years) => Today.AddYears(-years).AddDays(-10);

    public static PatientScreeningFacts Adult(
        int age = 40,
        ReproductivePotential reproductive = ReproductivePotential.No,
        PregnancyTest? test = null,
        DateOnly? ketamineUsedOn = null,
        params ConditionKind[] conditions) =>
        new(BornAged(age), conditions, reproductive, test, ketamineUsedOn);

    /// <summary>Two adequate failures (sertraline, bupropion): treatment-resistant.</summary>
    public static IReadOnlyList<TreatmentTrial> TwoFailures =>
        [Failed("sertraline", 150m), Failed("bupropion", 300m)];

    public static EligibilityRequest Request(
        PatientScreeningFacts? patient = null,
        IReadOnlyList<TreatmentTrial>? trials = null,
        IReadOnlyList<ConcomitantMedication>? meds = null,
        IReadOnlyList<RuleFinding>? extra = null) =>
        new(patient ?? Adult(), Today, trials ?? TwoFailures, meds ?? [], AdditionalFindings: extra);

    public static RuleFinding Single(IEnumerable<RuleFinding> findings, string rule) =>
        Assert.Single(findings, f => f.Rule.Value == rule);

    public static void None(IEnumerable<RuleFinding> findings, string rule) =>
        Assert.DoesNotContain(findings, f => f.Rule.Value == rule);
}
