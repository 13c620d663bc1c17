namespace KetamineClinic.Interop.Fhir;

/// <summary>
/// The URIs this server writes into FHIR resources: external code systems (clinical-spec §10.2), the clinic's own
/// code systems, identifier systems and extensions, and the R4 profiles it claims. One place, so a URL is never
/// spelled two ways.
/// </summary>
public static class FhirConventions
{
    /// <summary>Base of every clinic-defined canonical URL (code systems, extensions, questionnaires).</summary>
    public const string ClinicBase = "https://ketamine.clinic/fhir";

    /// <summary>External code systems.</summary>
    public static class Systems
    {
        public const string Loinc = "http://loinc.org";
        public const string Ucum = "http://unitsofmeasure.org";
        public const string Snomed = "http://snomed.info/sct";
        public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
        public const string Ndc = "http://hl7.org/fhir/sid/ndc";
        public const string Npi = "http://hl7.org/fhir/sid/us-npi";
        public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
        public const string ObservationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
        public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
        public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
        public const string RoleCode = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
        public const string RiskProbability = "http://terminology.hl7.org/CodeSystem/risk-probability";
        public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
        public const string FlagPriority = "http://hl7.org/fhir/flag-priority-code";
        public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
        public const string NetworkType = "http://hl7.org/fhir/network-type";
        public const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
        public const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";
        public const string AuditEntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
        public const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
        public const string SecuritySource = "http://terminology.hl7.org/CodeSystem/security-source-type";
        public const string ExtraSecurityRoleType = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
        public const string PractitionerRole = "http://terminology.hl7.org/CodeSystem/practitioner-role";
        public const string ContactRelationship = "http://terminology.hl7.org/CodeSystem/v2-0131";
        public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    }

    /// <summary>Code systems the clinic defines (served by <see cref="Conformance.ClinicConformance"/>).</summary>
    public static class ClinicSystems
    {
        /// <summary>Totals of instruments without a verified LOINC code (clinical-spec §6.1, §6.3: do not invent one).</summary>
        public const string InstrumentScores = ClinicBase + "/CodeSystem/instrument-scores";

        /// <summary>Questionnaire items without an applicable LOINC code (C-SSRS Since-Last-Visit, CSSRS-VER-01).</summary>
        public const string InstrumentItems = ClinicBase + "/CodeSystem/instrument-items";

        /// <summary>Value of the C-SSRS risk-level Observation 93374-7: none / low / moderate / high (CSSRS-04).</summary>
        public const string CssrsRiskLevel = ClinicBase + "/CodeSystem/cssrs-risk-level";

        public const string Procedure = ClinicBase + "/CodeSystem/procedure";
        public const string EncounterType = ClinicBase + "/CodeSystem/encounter-type";
        public const string ServiceType = ClinicBase + "/CodeSystem/service-type";
        public const string StaffRole = ClinicBase + "/CodeSystem/staff-role";
        public const string FlagCode = ClinicBase + "/CodeSystem/flag-code";
        public const string DetectedIssueKind = ClinicBase + "/CodeSystem/detected-issue-kind";
        public const string MitigationAction = ClinicBase + "/CodeSystem/mitigation-action";
        public const string WeightBasis = ClinicBase + "/CodeSystem/weight-basis";
        public const string RiskAssessmentType = ClinicBase + "/CodeSystem/risk-assessment-type";
        public const string AuditEventType = ClinicBase + "/CodeSystem/audit-event-type";

        /// <summary>Rule ids of clinical-spec (e.g. <c>VS-BP-02</c>); content "not-present": the spec is the list.</summary>
        public const string ClinicalRule = ClinicBase + "/CodeSystem/clinical-rule";
    }

    /// <summary>Identifier systems.</summary>
    public static class IdentifierSystems
    {
        /// <summary>Clinic medical record number (unique within the organisation).</summary>
        public const string Mrn = ClinicBase + "/sid/mrn";

        /// <summary>Vial identifiers of the controlled-substance ledger.</summary>
        public const string Vial = ClinicBase + "/sid/vial";
    }

    /// <summary>Extensions defined by the clinic (StructureDefinitions in <see cref="Conformance.ClinicConformance"/>).</summary>
    public static class Extensions
    {
        /// <summary>MedicationAdministration.dosage: dose per kilogram, Quantity in <c>mg/kg</c>.</summary>
        public const string DosePerKg = ClinicBase + "/StructureDefinition/dose-per-kg";

        /// <summary>MedicationAdministration.dosage: which body weight the dose used (Coding, weight-basis).</summary>
        public const string DoseWeightBasis = ClinicBase + "/StructureDefinition/dose-weight-basis";

        /// <summary>MedicationAdministration.dosage: the body weight the dose used, Quantity in <c>kg</c>.</summary>
        public const string DoseWeight = ClinicBase + "/StructureDefinition/dose-weight";

        /// <summary>MedicationAdministration: manufacturer lot number of the vial (string).</summary>
        public const string LotNumber = ClinicBase + "/StructureDefinition/lot-number";

        /// <summary>MedicationAdministration: the vial identifier of the controlled-substance ledger (string).</summary>
        public const string VialId = ClinicBase + "/StructureDefinition/vial-id";

        /// <summary>Any clinical resource: version of the clinic protocol the decision used (string).</summary>
        public const string ProtocolVersion = ClinicBase + "/StructureDefinition/protocol-version";

        /// <summary>Score Observation: highest total that counts as remission (integer, inclusive).</summary>
        public const string RemissionCutoff = ClinicBase + "/StructureDefinition/remission-cutoff";

        /// <summary>R4 core extension on Flag: priority (CodeableConcept from flag-priority).</summary>
        public const string FlagPriority = "http://hl7.org/fhir/StructureDefinition/flag-priority";

        /// <summary>R4 core extension on Coding: the ordinal (score) value of an answer option.</summary>
        public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    }

    /// <summary>R4 profiles (all ship in the R4 specification package).</summary>
    public static class Profiles
    {
        public const string VitalSigns = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
        public const string BloodPressure = "http://hl7.org/fhir/StructureDefinition/bp";
        public const string HeartRate = "http://hl7.org/fhir/StructureDefinition/heartrate";
        public const string OxygenSaturation = "http://hl7.org/fhir/StructureDefinition/oxygensat";
        public const string RespiratoryRate = "http://hl7.org/fhir/StructureDefinition/resprate";
        public const string BodyWeight = "http://hl7.org/fhir/StructureDefinition/bodyweight";
        public const string BodyTemperature = "http://hl7.org/fhir/StructureDefinition/bodytemp";

        /// <summary>The base definition of an R4 resource type, e.g. <c>Core("Patient")</c>.</summary>
        public static string Core(string resourceType) => "http://hl7.org/fhir/StructureDefinition/" + resourceType;
    }

    /// <summary>Canonical URL of a questionnaire: LOINC's (<c>http://loinc.org/q/&lt;panel&gt;</c>) where LOINC has a panel, else the clinic's.</summary>
    public static string QuestionnaireCanonical(string id, string? loincPanel) =>
        loincPanel is null ? ClinicBase + "/Questionnaire/" + id : "http://loinc.org/q/" + loincPanel;
}
