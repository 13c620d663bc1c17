namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// Symptoms a clinician records at the time of a reading. The first seven are the target-organ symptoms of
/// VS-BP-03 / VS-SYM-01; the last three are the emergence reactions of VS-PSY-01 (clinical-spec §4.3).
/// </summary>
[Flags]
public enum ReportedSymptoms
{
    /// <summary>Assessed; no symptom present.</summary>
    None = 0,

    /// <summary>Chest pain (VS-BP-03 / VS-SYM-01).</summary>
    ChestPain = 1 << 0,

    /// <summary>Dyspnea (VS-BP-03 / VS-SYM-01).</summary>
    Dyspnea = 1 << 1,

    /// <summary>Severe headache (VS-BP-03 / VS-SYM-01).</summary>
    SevereHeadache = 1 << 2,

    /// <summary>Visual change (VS-BP-03 / VS-SYM-01).</summary>
    VisualChange = 1 << 3,

    /// <summary>Confusion (VS-BP-03 / VS-SYM-01).</summary>
    Confusion = 1 << 4,

    /// <summary>Focal neurological deficit (VS-BP-03 / VS-SYM-01).</summary>
    FocalNeurologicDeficit = 1 << 5,

    /// <summary>Seizure (VS-BP-03 / VS-SYM-01).</summary>
    Seizure = 1 << 6,

    /// <summary>Severe emergence reaction (VS-PSY-01).</summary>
    SevereEmergenceReaction = 1 << 7,

    /// <summary>Agitation (VS-PSY-01).</summary>
    Agitation = 1 << 8,

    /// <summary>Psychotic symptoms (VS-PSY-01).</summary>
    PsychoticSymptoms = 1 << 9,
}

/// <summary>Groupings of <see cref="ReportedSymptoms"/> used by the alarm rules.</summary>
public static class ReportedSymptomsExtensions
{
    /// <summary>The target-organ symptoms of VS-BP-03 and VS-SYM-01.</summary>
    public const ReportedSymptoms TargetOrgan =
        ReportedSymptoms.ChestPain | ReportedSymptoms.Dyspnea | ReportedSymptoms.SevereHeadache |
        ReportedSymptoms.VisualChange | ReportedSymptoms.Confusion | ReportedSymptoms.FocalNeurologicDeficit |
        ReportedSymptoms.Seizure;

    /// <summary>The emergence reactions of VS-PSY-01.</summary>
    public const ReportedSymptoms Emergence =
        ReportedSymptoms.SevereEmergenceReaction | ReportedSymptoms.Agitation | ReportedSymptoms.PsychoticSymptoms;

    /// <summary>Every defined symptom.</summary>
    public const ReportedSymptoms All = TargetOrgan | Emergence;

    /// <summary>True when any VS-BP-03 / VS-SYM-01 target-organ symptom is present.</summary>
    public static bool HasTargetOrganSymptom(this ReportedSymptoms symptoms) => (symptoms & TargetOrgan) != ReportedSymptoms.None;

    /// <summary>True when any VS-PSY-01 emergence reaction is present.</summary>
    public static bool HasEmergenceReaction(this ReportedSymptoms symptoms) => (symptoms & Emergence) != ReportedSymptoms.None;
}
