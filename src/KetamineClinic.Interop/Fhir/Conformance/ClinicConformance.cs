using Hl7.Fhir.Model;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Conformance;

/// <summary>
/// The conformance resources the clinic defines: one StructureDefinition per extension (differential only; the
/// validator generates the snapshot) and one CodeSystem per local code system. The validator loads them beside the R4
/// specification, and the FHIR endpoint can serve them (<c>/fhir/StructureDefinition/…</c>, <c>/fhir/CodeSystem/…</c>).
/// </summary>
public static class ClinicConformance
{
    private const string Publisher = "Ketamine Clinic";
    private const string Version = "1.0.0";

    /// <summary>Every clinic-defined conformance resource, extension definitions first (new instances each call).</summary>
    public static IReadOnlyList<Resource> All() => [.. ExtensionDefinitions(), .. CodeSystems()];

    /// <summary>The extension definitions, differential only (new instances each call).</summary>
    public static IReadOnlyList<StructureDefinition> ExtensionDefinitions() => [.. BuildExtensions()];

    /// <summary>The local code systems (new instances each call).</summary>
    public static IReadOnlyList<CodeSystem> CodeSystems() => [.. BuildCodeSystems()];

    private static IEnumerable<StructureDefinition> BuildExtensions()
    {
        const string dosage = "MedicationAdministration.dosage";
        yield return ExtensionDefinition(FhirConventions.Extensions.DosePerKg, "DosePerKg", "Dose per kilogram",
            "The prescribed ketamine dose per kilogram of the weight in dose-weight (UCUM mg/kg).", [dosage], "Quantity");
        yield return ExtensionDefinition(FhirConventions.Extensions.DoseWeightBasis, "DoseWeightBasis", "Dose weight basis",
            "Which body weight the dose was calculated on: actual, ideal (Devine) or adjusted (clinical-spec §3.2).", [dosage], "Coding");
        yield return ExtensionDefinition(FhirConventions.Extensions.DoseWeight, "DoseWeight", "Dose weight",
            "The body weight the dose was calculated on (UCUM kg).", [dosage], "Quantity");
        yield return ExtensionDefinition(FhirConventions.Extensions.LotNumber, "LotNumber", "Lot number",
            "Manufacturer lot number of the vial the dose was drawn from.", ["MedicationAdministration"], "string");
        yield return ExtensionDefinition(FhirConventions.Extensions.VialId, "VialId", "Vial id",
            "Identifier of the vial in the clinic's controlled-substance ledger.", ["MedicationAdministration"], "string");
        yield return ExtensionDefinition(FhirConventions.Extensions.ProtocolVersion, "ProtocolVersion", "Clinic protocol version",
            "Version of the clinic protocol (configurable clinical policy) the recorded decision or computation used.",
            ["Observation", "MedicationAdministration", "Procedure", "DetectedIssue", "RiskAssessment"], "string");
        yield return ExtensionDefinition(FhirConventions.Extensions.RemissionCutoff, "RemissionCutoff", "Remission cut-off",
            "Highest total score that counts as remission under the clinic protocol (inclusive), e.g. 4 for PHQ-9 < 5.",
            ["Observation"], "integer");
    }

    private static IEnumerable<CodeSystem> BuildCodeSystems()
    {
        // Codes and displays shared with KetamineClinic.Domain.Instruments (a test keeps them equal).
        yield return CodeSystem(ClinicSystems.InstrumentScores, "InstrumentScores", "Instrument panels and scores",
            "Panels and totals of rating scales without a verified LOINC code (clinical-spec §6.1, §6.3: none is invented).",
            ("qids-sr16", "QIDS-SR16 panel"), ("qids-sr16-total", "QIDS-SR16 total score"),
            ("madrs", "MADRS panel"), ("madrs-total", "MADRS total score"),
            ("hamd-17", "HAM-D17 panel"), ("hamd-17-total", "HAM-D17 total score"),
            ("cadss-23", "CADSS-23 panel"), ("cadss-23-total", "CADSS-23 total score"),
            ("moaas-score", "MOAA/S score"),
            ("bprs-positive", "BPRS positive subscale panel"), ("bprs-positive-total", "BPRS positive subscale total score"),
            ("beck-ssi", "Beck SSI panel"), ("beck-ssi-total", "Beck SSI total score"));
        yield return CodeSystem(ClinicSystems.InstrumentItems, "InstrumentItems", "Instrument items",
            "Questionnaire items without an applicable LOINC code: the C-SSRS Since-Last-Visit screener (CSSRS-VER-01).",
            ("cssrs-screener-since-last-visit", "C-SSRS screener, since last visit"),
            ("cssrs-slv-1", "C-SSRS SLV wish to be dead"), ("cssrs-slv-2", "C-SSRS SLV suicidal thoughts"), ("cssrs-slv-3", "C-SSRS SLV method"),
            ("cssrs-slv-4", "C-SSRS SLV intent"), ("cssrs-slv-5", "C-SSRS SLV intent with plan"), ("cssrs-slv-6", "C-SSRS SLV suicidal behavior"));
        yield return CodeSystem(ClinicSystems.CssrsRiskLevel, "CssrsRiskLevel", "C-SSRS screener risk level",
            "Triage result of the C-SSRS screener (CSSRS-01..04); none is distinct from low.",
            ("none", "No risk identified"), ("low", "Low risk"), ("moderate", "Moderate risk"), ("high", "High risk"));
        yield return CodeSystem(ClinicSystems.Procedure, "ClinicProcedure", "Clinic procedures", "Procedures performed by the clinic.",
            ("iv-ketamine-infusion", "IV ketamine infusion for depression"));
        yield return CodeSystem(ClinicSystems.EncounterType, "EncounterType", "Encounter types", "Kinds of clinic visit.",
            ("ketamine-infusion-visit", "Ketamine infusion visit"));
        yield return CodeSystem(ClinicSystems.ServiceType, "ServiceType", "Service types", "Services the clinic offers.",
            ("iv-ketamine-infusion", "IV ketamine infusion for depression"));
        yield return CodeSystem(ClinicSystems.StaffRole, "StaffRole", "Staff roles", "Roles of clinic staff.",
            ("physician", "Physician"), ("nurse", "Nurse"), ("pharmacist", "Pharmacist"), ("front-desk", "Front desk"),
            ("administrator", "Administrator"), ("behavioral-health-clinician", "Behavioral health clinician"), ("medical-director", "Medical director"));
        yield return CodeSystem(ClinicSystems.FlagCode, "FlagCode", "Flag codes", "What a chart flag warns about.",
            ("suicide-risk", "At risk for suicide"), ("fall-risk", "Fall risk"), ("allergy", "Drug allergy"),
            ("controlled-substance-concern", "Controlled-substance concern"), ("other", "Other"));
        yield return CodeSystem(ClinicSystems.DetectedIssueKind, "DetectedIssueKind", "Detected issue kinds", "Kinds of rule findings.",
            ("drug-interaction", "Drug interaction"), ("contraindication", "Contraindication"), ("vitals-gate", "Vital-sign gate"),
            ("dose-limit", "Dose limit"), ("eligibility", "Eligibility"), ("suicide-risk", "Suicide risk"), ("other", "Other"));
        yield return CodeSystem(ClinicSystems.MitigationAction, "MitigationAction", "Mitigation actions", "How a finding was dealt with.",
            ("override", "Overridden by an authorised user"), ("acknowledged", "Warning acknowledged"));
        yield return CodeSystem(ClinicSystems.WeightBasis, "WeightBasis", "Dose weight basis", "Which body weight a dose used.",
            ("actual", "Actual body weight"), ("ideal", "Ideal body weight (Devine)"), ("adjusted", "Adjusted body weight"));
        yield return CodeSystem(ClinicSystems.RiskAssessmentType, "RiskAssessmentType", "Risk assessment types", "Kinds of risk assessment.",
            ("suicide-risk-triage", "Suicide-risk triage"));
        yield return CodeSystem(ClinicSystems.AuditEventType, "AuditEventType", "Audit event types", "Clinic-specific audited events.",
            ("clinical-override", "Clinical override"));
        var rules = CodeSystem(ClinicSystems.ClinicalRule, "ClinicalRule", "Clinical rule ids",
            "Rule ids of the clinic's clinical specification (e.g. VS-BP-02); the specification is the list.");
        rules.Content = CodeSystemContentMode.NotPresent;
        yield return rules;
    }

    private static StructureDefinition ExtensionDefinition(string url, string name, string title, string description, string[] contexts, string valueType) => new()
    {
        Id = url[(url.LastIndexOf('/') + 1)..],
        Url = url,
        Version = Version,
        Name = name,
        Title = title,
        Status = PublicationStatus.Active,
        Publisher = Publisher,
        Description = new Markdown(description),
        FhirVersion = FHIRVersion.N4_0_1,
        Kind = StructureDefinition.StructureDefinitionKind.ComplexType,
        Abstract = false,
        Context = [.. contexts.Select(c => new StructureDefinition.ContextComponent { Type = StructureDefinition.ExtensionContextType.Element, Expression = c })],
        Type = "Extension",
        BaseDefinition = "http://hl7.org/fhir/StructureDefinition/Extension",
        Derivation = StructureDefinition.TypeDerivationRule.Constraint,
        Differential = new StructureDefinition.DifferentialComponent
        {
            Element =
            [
                new ElementDefinition("Extension") { ElementId = "Extension", Short = title, Definition = new Markdown(description), Min = 0, Max = "1" },
                new ElementDefinition("Extension.extension") { ElementId = "Extension.extension", Max = "0" },
                new ElementDefinition("Extension.url") { ElementId = "Extension.url", Fixed = new FhirUri(url) },
                new ElementDefinition("Extension.value[x]")
                {
                    ElementId = "Extension.value[x]",
                    Min = 1,
                    Type = [new ElementDefinition.TypeRefComponent { Code = valueType }],
                },
            ],
        },
    };

    private static CodeSystem CodeSystem(string url, string name, string title, string description, params (string Code, string Display)[] concepts) => new()
    {
        Id = url[(url.LastIndexOf('/') + 1)..],
        Url = url,
        Version = Version,
        Name = name,
        Title = title,
        Status = PublicationStatus.Active,
        Publisher = Publisher,
        Description = new Markdown(description),
        CaseSensitive = true,
        Content = CodeSystemContentMode.Complete,
        Concept = [.. concepts.Select(c => new CodeSystem.ConceptDefinitionComponent { Code = c.Code, Display = c.Display })],
    };
}
