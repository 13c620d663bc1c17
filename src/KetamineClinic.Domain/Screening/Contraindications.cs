using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Screening.TreatmentResistance;

namespace KetamineClinic.Domain.Screening;

/// <summary>Recorded conditions that clinical-spec §2.2 classifies (mapped from FHIR Condition by the caller).</summary>
public enum ConditionKind
{
    /// <summary>CI-ABS-01: known hypersensitivity to ketamine or esketamine (or excipients).</summary>
    KetamineOrEsketamineHypersensitivity,

    /// <summary>CI-HS-01: aneurysmal vascular disease (aortic, intracranial, peripheral) or arteriovenous malformation.</summary>
    AneurysmalVascularDiseaseOrAvm,

    /// <summary>CI-HS-02: history of intracerebral hemorrhage.</summary>
    IntracerebralHemorrhageHistory,

    /// <summary>CI-HS-03: acute cerebral trauma or raised intracranial pressure.</summary>
    AcuteCerebralTraumaOrRaisedIcp,

    /// <summary>CI-HS-04: eclampsia or pre-eclampsia.</summary>
    EclampsiaOrPreEclampsia,

    /// <summary>CI-HS-05: severe or unstable coronary or myocardial disease.</summary>
    SevereOrUnstableCoronaryOrMyocardialDisease,

    /// <summary>CI-HS-06: current psychosis or mania.</summary>
    CurrentPsychosisOrMania,

    /// <summary>CI-HS-07: pregnancy.</summary>
    Pregnancy,

    /// <summary>
    /// CI-HS-08: prior cerebrovascular accident / cerebrovascular insult (stroke) other than intracerebral hemorrhage.
    /// A label contraindication in §2.1 (UK and Swiss SmPC) that §2.2 does not classify; our addition, pending sign-off.
    /// </summary>
    PriorCerebrovascularAccident,

    /// <summary>CI-REL-01: history of psychosis (past psychotic disorder).</summary>
    PsychosisHistory,

    /// <summary>CI-REL-02: substance use disorder, including alcohol.</summary>
    SubstanceUseDisorder,

    /// <summary>CI-REL-03: controlled hypertension or cardiovascular risk.</summary>
    ControlledHypertensionOrCardiovascularRisk,

    /// <summary>CI-REL-04: untreated (or inadequately treated) hyperthyroidism.</summary>
    UntreatedHyperthyroidism,

    /// <summary>CI-REL-05: chronic alcohol use or acute intoxication.</summary>
    ChronicAlcoholUseOrAcuteIntoxication,

    /// <summary>CI-REL-06: hepatic impairment.</summary>
    HepaticImpairment,

    /// <summary>CI-REL-08: breastfeeding.</summary>
    Breastfeeding,
}

/// <summary>Whether a person can become pregnant (PREG-01). Unknown is treated as Yes.</summary>
public enum ReproductivePotential
{
    /// <summary>Not recorded: screened as if Yes.</summary>
    Unknown,

    /// <summary>Person of reproductive potential.</summary>
    Yes,

    /// <summary>Not of reproductive potential.</summary>
    No,
}

/// <summary>A pregnancy test result.</summary>
/// <param name="TakenOn">Date the test was taken.</param>
/// <param name="Positive">True when positive.</param>
public sealed record PregnancyTest(DateOnly TakenOn, bool Positive);

/// <summary>One row of the §2.2 classification.</summary>
/// <param name="Kind">The condition.</param>
/// <param name="Rule">Our stable rule id for the row.</param>
/// <param name="SpecLevel">The spec's level (a clinic may only raise it).</param>
/// <param name="Description">Plain words for the message.</param>
/// <param name="Sources">Spec source ids.</param>
public sealed record ContraindicationEntry(ConditionKind Kind, RuleId Rule, Enforcement SpecLevel, string Description, IReadOnlyList<string> Sources);

/// <summary>The §2.2 classification as data (clinical-spec §2.1, §2.2).</summary>
public static class ContraindicationCatalogue
{
    /// <summary>CI-REL-07: age above the clinic's older-adult threshold ([C], default 65).</summary>
    public static readonly RuleId OlderAdult = new("CI-REL-07");

    /// <summary>The row for a condition.</summary>
    public static ContraindicationEntry For(ConditionKind kind) => kind switch
    {
        // Absolute: BLOCK (no override) [S1, S4]
        ConditionKind.KetamineOrEsketamineHypersensitivity => new(kind, "CI-ABS-01", Enforcement.Block, "known hypersensitivity to ketamine/esketamine", ["S1", "S4"]),
        // Absolute: HARD STOP (medical-director override with reason)
        ConditionKind.AneurysmalVascularDiseaseOrAvm => new(kind, "CI-HS-01", Enforcement.HardStop, "aneurysmal vascular disease or arteriovenous malformation", ["S1", "S2"]),
        ConditionKind.IntracerebralHemorrhageHistory => new(kind, "CI-HS-02", Enforcement.HardStop, "history of intracerebral hemorrhage", ["S1", "S2"]),
        ConditionKind.AcuteCerebralTraumaOrRaisedIcp => new(kind, "CI-HS-03", Enforcement.HardStop, "acute cerebral trauma or raised intracranial pressure", ["S5", "S8"]),
        ConditionKind.EclampsiaOrPreEclampsia => new(kind, "CI-HS-04", Enforcement.HardStop, "eclampsia or pre-eclampsia", ["S5", "S6"]),
        ConditionKind.SevereOrUnstableCoronaryOrMyocardialDisease => new(kind, "CI-HS-05", Enforcement.HardStop, "severe or unstable coronary or myocardial disease", ["S5", "S8"]),
        ConditionKind.CurrentPsychosisOrMania => new(kind, "CI-HS-06", Enforcement.HardStop, "current psychosis or mania", ["S37", "S38"]),
        ConditionKind.Pregnancy => new(kind, "CI-HS-07", Enforcement.HardStop, "pregnancy", ["S37", "S38", "S22"]),
        // §2.1 label contraindication missing from §2.2: classed with the other cerebrovascular HARD STOPs (our decision).
        ConditionKind.PriorCerebrovascularAccident => new(kind, "CI-HS-08", Enforcement.HardStop, "prior cerebrovascular accident (stroke)", ["S5", "S6"]),
        // Relative: WARN (physician acknowledgement with documented risk–benefit)
        ConditionKind.PsychosisHistory => new(kind, "CI-REL-01", Enforcement.Warn, "history of psychosis (ketamine can worsen psychosis)", ["S1", "S2", "S20"]),
        ConditionKind.SubstanceUseDisorder => new(kind, "CI-REL-02", Enforcement.Warn, "substance use disorder, including alcohol (monitor for abuse)", ["S1", "S2", "S20"]),
        ConditionKind.ControlledHypertensionOrCardiovascularRisk => new(kind, "CI-REL-03", Enforcement.Warn, "controlled hypertension or cardiovascular risk", ["S1", "S20"]),
        ConditionKind.UntreatedHyperthyroidism => new(kind, "CI-REL-04", Enforcement.Warn, "untreated hyperthyroidism", ["S6"]),
        ConditionKind.ChronicAlcoholUseOrAcuteIntoxication => new(kind, "CI-REL-05", Enforcement.Warn, "chronic alcohol use or acute intoxication", ["S5"]),
        ConditionKind.HepaticImpairment => new(kind, "CI-REL-06", Enforcement.Warn, "hepatic impairment", ["S1", "S2", "S5", "S6"]),
        ConditionKind.Breastfeeding => new(kind, "CI-REL-08", Enforcement.Warn, "breastfeeding", ["S22"]),
    };

    /// <summary>Every row, in enum order.</summary>
    public static IReadOnlyList<ContraindicationEntry> All { get; } = Enum.GetValues<ConditionKind>().Select(For).ToList();

    /// <summary>Who acts on a finding at a level: BLOCK nobody, HARD STOP the medical director (§2.2), WARN a physician.</summary>
    public static ClinicalAuthority AuthorityFor(Enforcement level) => level switch
    {
        Enforcement.Info => ClinicalAuthority.None,
        Enforcement.Warn => ClinicalAuthority.Physician,
        Enforcement.HardStop => ClinicalAuthority.MedicalDirector,
        Enforcement.Block => ClinicalAuthority.None,
    };
}

/// <summary>What the patient-level screen needs besides treatments and medications.</summary>
/// <param name="BornOn">Date of birth.</param>
/// <param name="Conditions">Recorded conditions (duplicates ignored).</param>
/// <param name="ReproductivePotential">Whether the person can become pregnant.</param>
/// <param name="LatestPregnancyTest">Most recent pregnancy test, if any (not after the evaluation date).</param>
/// <param name="LastNonClinicKetamineUseOn">Last ketamine use outside this clinic's treatment (legal or illegal), if any.</param>
public sealed record PatientScreeningFacts(
    DateOnly BornOn,
    IReadOnlyCollection<ConditionKind> Conditions,
    ReproductivePotential ReproductivePotential,
    PregnancyTest? LatestPregnancyTest = null,
    DateOnly? LastNonClinicKetamineUseOn = null);

/// <summary>
/// Contraindications (CI-*), pregnancy screening (PREG-*), age inclusion (ELIG-INC-AGE-*) and recent ketamine use
/// (ELIG-EXC-KET-01): clinical-spec §1.4, §1.5, §2.1, §2.2.
/// </summary>
public static class Contraindications
{
    private static readonly string[] AgeSources = ["S33", "S37", "S38", "C"];
    private static readonly string[] OlderAdultSources = ["C"];
    private static readonly string[] PregnancySources = ["S22", "S23"];
    private static readonly string[] KetamineUseSources = ["S61"];

    /// <summary>Completed years between <paramref name="bornOn"/> and <paramref name="on"/> (a 29 February birthday falls on 1 March in other years).</summary>
    public static int AgeInYears(DateOnly bornOn, DateOnly on)
    {
        if (on < bornOn)
        {
            throw new ArgumentException($"The evaluation date {on:yyyy-MM-dd} is before the date of birth {bornOn:yyyy-MM-dd}.", nameof(on));
        }
        var age = on.Year - bornOn.Year;
        if (on.Month < bornOn.Month || (on.Month == bornOn.Month && on.Day < bornOn.Day))
        {
            age--;
        }
        return age;
    }

    /// <summary>Every finding for the patient facts on <paramref name="evaluatedOn"/>.</summary>
    public static IReadOnlyList<RuleFinding> Evaluate(PatientScreeningFacts facts, DateOnly evaluatedOn, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(facts.Conditions, nameof(facts));
        ArgumentNullException.ThrowIfNull(protocol);
        var policy = protocol.Eligibility;
        var findings = new List<RuleFinding>();

        foreach (var kind in facts.Conditions.Distinct().Order())
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(facts), kind, "Unknown condition kind.");
            }
            var entry = ContraindicationCatalogue.For(kind);
            var level = policy.StricterContraindicationLevels.TryGetValue(kind, out var raised) ? raised : entry.SpecLevel;
            findings.Add(new RuleFinding(entry.Rule, level, Invariant($"{entry.Rule}: {entry.Description} ({Describe(level)})."), entry.Sources, ContraindicationCatalogue.AuthorityFor(level)));
        }

        var age = AgeInYears(facts.BornOn, evaluatedOn);
        AddAgeFindings(age, policy, findings);
        AddPregnancyFindings(facts, evaluatedOn, policy, findings);
        AddKetamineUse(facts, evaluatedOn, policy, findings);
        return findings;
    }

    private static void AddAgeFindings(int age, EligibilityProtocol policy, List<RuleFinding> findings)
    {
        if (age < 18)
        {
            // ELIG-INC-AGE-01 (§1.4, scope): the platform covers adults only; no override.
            findings.Add(new RuleFinding(ScreeningRules.UnderAdultAge, Enforcement.Block,
                Invariant($"ELIG-INC-AGE-01: age {age} years is under 18; this protocol covers adults only."), AgeSources));
        }
        else if (age < policy.MinimumAgeYears)
        {
            findings.Add(new RuleFinding(ScreeningRules.OutsideClinicAgeRange, Enforcement.HardStop,
                Invariant($"ELIG-INC-AGE-02: age {age} years is below the clinic's minimum age {policy.MinimumAgeYears}."), AgeSources, ClinicalAuthority.MedicalDirector));
        }
        if (policy.MaximumAgeYears is { } max && age > max)
        {
            findings.Add(new RuleFinding(ScreeningRules.OutsideClinicAgeRange, Enforcement.HardStop,
                Invariant($"ELIG-INC-AGE-02: age {age} years is above the clinic's maximum age {max}."), AgeSources, ClinicalAuthority.MedicalDirector));
        }

        // CI-REL-07 (§2.2, [C]): age > 65 → WARN with documented risk–benefit.
        if (age > policy.OlderAdultWarnAboveYears)
        {
            findings.Add(new RuleFinding(ContraindicationCatalogue.OlderAdult, Enforcement.Warn,
                Invariant($"CI-REL-07: age {age} years is above {policy.OlderAdultWarnAboveYears}; document the risk–benefit decision (physician acknowledgement)."),
                OlderAdultSources, ClinicalAuthority.Physician));
        }
    }

    private static void AddPregnancyFindings(PatientScreeningFacts facts, DateOnly evaluatedOn, EligibilityProtocol policy, List<RuleFinding> findings)
    {
        if (!Enum.IsDefined(facts.ReproductivePotential))
        {
            throw new ArgumentOutOfRangeException(nameof(facts), facts.ReproductivePotential, "Unknown reproductive-potential value.");
        }
        var test = facts.LatestPregnancyTest;
        if (test is not null && test.TakenOn > evaluatedOn)
        {
            throw new ArgumentException($"The pregnancy test date {test.TakenOn:yyyy-MM-dd} is after the evaluation date {evaluatedOn:yyyy-MM-dd}.", nameof(facts));
        }

        var screen = facts.ReproductivePotential switch
        {
            ReproductivePotential.No => false,
            ReproductivePotential.Yes => true,
            ReproductivePotential.Unknown => true,
        };

        // A positive latest test is pregnancy (CI-HS-07) whatever its age, until a newer negative test.
        if (test is { Positive: true } && !facts.Conditions.Contains(ConditionKind.Pregnancy))
        {
            var entry = ContraindicationCatalogue.For(ConditionKind.Pregnancy);
            var level = policy.StricterContraindicationLevels.TryGetValue(ConditionKind.Pregnancy, out var raised) ? raised : entry.SpecLevel;
            findings.Add(new RuleFinding(entry.Rule, level,
                Invariant($"{entry.Rule}: pregnancy (positive pregnancy test on {test.TakenOn:yyyy-MM-dd}) ({Describe(level)})."), entry.Sources, ContraindicationCatalogue.AuthorityFor(level)));
        }
        if (!screen)
        {
            return;
        }

        var potential = facts.ReproductivePotential == ReproductivePotential.Unknown ? "reproductive potential not recorded (screened as yes)" : "person of reproductive potential";
        if (test is null)
        {
            // PREG-01 (§2.2): pregnancy test at intake.
            findings.Add(new RuleFinding(ScreeningRules.PregnancyTestRequired, Enforcement.HardStop,
                Invariant($"PREG-01: {potential} with no pregnancy test on record; a negative test is required before treatment (physician override with reason)."),
                PregnancySources, ClinicalAuthority.Physician));
        }
        else if (!test.Positive)
        {
            var ageDays = evaluatedOn.DayNumber - test.TakenOn.DayNumber;
            if (ageDays > policy.PregnancyTestValidDays)
            {
                // PREG-01: re-test interval [C].
                findings.Add(new RuleFinding(ScreeningRules.PregnancyTestRequired, Enforcement.HardStop,
                    Invariant($"PREG-01: {potential}; last negative pregnancy test {test.TakenOn:yyyy-MM-dd} is {ageDays} days old (re-test every {policy.PregnancyTestValidDays} days); re-test required (physician override with reason)."),
                    PregnancySources, ClinicalAuthority.Physician));
            }
        }

        // PREG-02 (§2.2, S22): contraception during treatment and for 6 weeks after the last dose.
        findings.Add(new RuleFinding(ScreeningRules.ContraceptionAdvice, Enforcement.Info,
            "PREG-02: advise highly effective contraception during treatment and for 6 weeks after the last dose.", ["S22"]));
    }

    private static void AddKetamineUse(PatientScreeningFacts facts, DateOnly evaluatedOn, EligibilityProtocol policy, List<RuleFinding> findings)
    {
        if (facts.LastNonClinicKetamineUseOn is not { } usedOn)
        {
            return;
        }
        if (usedOn > evaluatedOn)
        {
            throw new ArgumentException($"The ketamine-use date {usedOn:yyyy-MM-dd} is after the evaluation date {evaluatedOn:yyyy-MM-dd}.", nameof(facts));
        }
        var days = evaluatedOn.DayNumber - usedOn.DayNumber;

        // ELIG-EXC-KET-01 (§1.5, S61): ketamine use (legal or illegal) in the previous 90 days [C].
        if (policy.RecentKetamineUseWindowDays > 0 && days <= policy.RecentKetamineUseWindowDays)
        {
            var level = policy.RecentKetamineUseLevel;
            findings.Add(new RuleFinding(ScreeningRules.RecentKetamineUse, level,
                Invariant($"ELIG-EXC-KET-01: ketamine used outside this clinic {days} days ago ({usedOn:yyyy-MM-dd}), within the {policy.RecentKetamineUseWindowDays}-day window ({Describe(level)})."),
                KetamineUseSources, ContraindicationCatalogue.AuthorityFor(level)));
        }
    }

    internal static string Describe(Enforcement level) => level switch
    {
        Enforcement.Info => "information only",
        Enforcement.Warn => "WARN: physician acknowledgement with documented risk–benefit",
        Enforcement.HardStop => "HARD STOP: medical-director override with reason",
        Enforcement.Block => "BLOCK: no override",
    };
}
