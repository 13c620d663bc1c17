using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Screening;

/// <summary>
/// Rule ids used by screening. Ids the spec does not give (staging, contraindication rows, pregnancy, inclusion and
/// exclusion policy, catalogue gaps) are our own stable ids, listed in docs/clinical-rules/eligibility.md.
/// </summary>
public static class ScreeningRules
{
    // clinical-spec §1.1
    public static readonly RuleId TrdCount = new("ELIG-TRD-01");
    public static readonly RuleId TrdAdequacy = new("ELIG-TRD-02");
    public static readonly RuleId TrdNonResponse = new("ELIG-TRD-03");
    public static readonly RuleId TrdNotCounted = new("ELIG-TRD-04");

    // clinical-spec §1.2 (own ids)
    public static readonly RuleId ThaseRushStage = new("STAGE-TR-01");
    public static readonly RuleId ThaseRushGap = new("STAGE-TR-02");

    // clinical-spec §1.3
    public static readonly RuleId MaudsleyTotal = new("MSM-01");
    public static readonly RuleId MaudsleyBand = new("MSM-02");

    // clinical-spec §1.4 / §1.5 (own ids)
    public static readonly RuleId UnderAdultAge = new("ELIG-INC-AGE-01");
    public static readonly RuleId OutsideClinicAgeRange = new("ELIG-INC-AGE-02");
    public static readonly RuleId ResistanceInclusion = new("ELIG-INC-TRD-01");
    public static readonly RuleId RecentKetamineUse = new("ELIG-EXC-KET-01");
    public static readonly RuleId BenzodiazepineExclusion = new("ELIG-EXC-BZD-01");

    // clinical-spec §2.2 pregnancy screening (own ids)
    public static readonly RuleId PregnancyTestRequired = new("PREG-01");
    public static readonly RuleId ContraceptionAdvice = new("PREG-02");

    // clinical-spec §2.4
    public static readonly RuleId Benzodiazepines = new("DDI-BZD-01");
    public static readonly RuleId Lamotrigine = new("DDI-LTG-01");
    public static readonly RuleId Naltrexone = new("DDI-NTX-01");
    public static readonly RuleId Maoi = new("DDI-MAOI-01");
    public static readonly RuleId Stimulants = new("DDI-STIM-01");
    public static readonly RuleId CnsDepressants = new("DDI-CNS-01");
    public static readonly RuleId Ssri = new("DDI-SSRI-01");
    public static readonly RuleId Theophylline = new("DDI-THEO-01");
    public static readonly RuleId UnclassifiedMedication = new("DDI-CAT-01");
}
