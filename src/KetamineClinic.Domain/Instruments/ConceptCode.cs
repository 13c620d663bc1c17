namespace KetamineClinic.Domain.Instruments;

/// <summary>Code-system URIs used by the instrument model (clinical-spec §10).</summary>
public static class CodeSystems
{
    /// <summary>LOINC. Only codes the spec verified are used; none is invented (clinical-spec §6.3).</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>
    /// Local code system for scores that have no verified LOINC code: MADRS, QIDS-SR16, HAM-D17, CADSS, BPRS,
    /// Beck SSI and MOAA/S totals (clinical-spec §6.3, §10.1), and the panels of those instruments.
    /// </summary>
    public const string InstrumentScores = "https://ketamine.clinic/fhir/CodeSystem/instrument-scores";

    /// <summary>
    /// Local code system for questionnaire items that have no applicable LOINC code: the C-SSRS Since-Last-Visit
    /// screener items and panel (CSSRS-VER-01, clinical-spec §6.7).
    /// </summary>
    public const string InstrumentItems = "https://ketamine.clinic/fhir/CodeSystem/instrument-items";

    /// <summary>
    /// Local code system for the C-SSRS derived risk level (value of Observation 93374-7): none, low, moderate,
    /// high (CSSRS-04, clinical-spec §6.6).
    /// </summary>
    public const string CssrsRiskLevel = "https://ketamine.clinic/fhir/CodeSystem/cssrs-risk-level";

    /// <summary>HL7 risk-probability code system for <c>RiskAssessment.prediction.qualitativeRisk</c>.</summary>
    public const string RiskProbability = "http://terminology.hl7.org/CodeSystem/risk-probability";
}

/// <summary>A code in a code system, with its display text (maps to a FHIR Coding).</summary>
public sealed record ConceptCode
{
    /// <summary>Creates a code; every part must be non-blank.</summary>
    public ConceptCode(string system, string code, string display)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(display);
        System = system;
        Code = code;
        Display = display;
    }

    /// <summary>Code-system URI.</summary>
    public string System { get; }

    /// <summary>The code.</summary>
    public string Code { get; }

    /// <summary>Display text.</summary>
    public string Display { get; }

    /// <summary>A LOINC code (only codes verified in the clinical spec).</summary>
    public static ConceptCode Loinc(string code, string display) => new(CodeSystems.Loinc, code, display);

    /// <summary>A code in the local instrument-scores system.</summary>
    public static ConceptCode LocalScore(string code, string display) => new(CodeSystems.InstrumentScores, code, display);

    /// <summary>A code in the local instrument-items system.</summary>
    public static ConceptCode LocalItem(string code, string display) => new(CodeSystems.InstrumentItems, code, display);

    /// <inheritdoc />
    public override string ToString() => $"{System}|{Code}";
}
