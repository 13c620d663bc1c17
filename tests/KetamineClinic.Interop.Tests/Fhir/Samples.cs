using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Bundles;
using KetamineClinic.Interop.Fhir.Conformance;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Tests.Fhir;

/// <summary>Synthetic sources (no real patient data) and the resources the mappers make of them.</summary>
internal static class Samples
{
    public const string PatientId = "0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b";
    public const string OrganizationId = "5a1f0c2e-3b4d-4c6e-9f80-1a2b3c4d5e6f";
    public const string SiteId = "6b2e1d3f-4c5e-4d7f-8a91-2b3c4d5e6f70";
    public const string PractitionerId = "7c3f2e4a-5d6f-4e80-9ba2-3c4d5e6f7081";
    public const string NurseId = "8d4a3f5b-6e70-4f91-acb3-4d5e6f708192";
    public const string EncounterId = "9e5b4a6c-7f81-40a2-bdc4-5e6f708192a3";
    public const string ProcedureId = "af6c5b7d-8092-41b3-8ed5-6f708192a3b4";
    public const string QuestionnaireResponseId = "b07d6c8e-91a3-42c4-9fe6-708192a3b4c5";
    public const string DeviceId = "c18e7d9f-a2b4-43d5-a0f7-8192a3b4c5d6";

    public static readonly DateTimeOffset Arrival = new(2026, 3, 2, 13, 30, 0, TimeSpan.FromHours(-5));
    public static readonly DateTimeOffset InfusionStart = Arrival.AddMinutes(30);
    public static readonly DateTimeOffset InfusionEnd = InfusionStart.AddMinutes(40);

    public static PatientSource Patient => new()
    {
        Id = PatientId,
        Mrn = "KC-000123",
        GivenName = "Avery",
        FamilyName = "Synthetic",
        BornOn = new DateOnly(1985, 7, 14),
        Sex = AdministrativeSex.Female,
        Phone = "+1-555-0100",
        Email = "avery.synthetic@example.org",
        ManagingOrganizationId = OrganizationId,
        Escort = new EscortContact { Name = "Jordan Synthetic", Phone = "+1-555-0101" },
    };

    public static OrganizationSource Organization => new()
    {
        Id = OrganizationId,
        Name = "Synthetic Ketamine Clinics",
        Website = "https://clinic.example.org",
        Phone = "+1-555-0199",
    };

    public static SiteSource Site => new()
    {
        Id = SiteId,
        OrganizationId = OrganizationId,
        Name = "Downtown",
        Address = new PostalAddress { Line = "1 Example Street", City = "Springfield", Region = "IL", PostalCode = "62701" },
        Phone = "+1-555-0102",
        Latitude = 39.7817m,
        Longitude = -89.6501m,
        OpeningHours =
        [
            new OpeningHoursSource(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(17, 0)),
            new OpeningHoursSource(DayOfWeek.Wednesday, new TimeOnly(8, 0), new TimeOnly(19, 30)),
        ],
    };

    public static PractitionerSource Practitioner => new()
    {
        Id = PractitionerId,
        GivenName = "Morgan",
        FamilyName = "Example",
        Npi = "1234567893",
        Email = "m.example@clinic.example.org",
        Roles =
        [
            new PractitionerRoleSource { Id = "d29f8eaf-b3c5-44e6-b108-92a3b4c5d6e7", OrganizationId = OrganizationId, SiteId = SiteId, Role = StaffRole.Physician },
            new PractitionerRoleSource { Id = "e3af9fb0-c4d6-45f7-8219-a3b4c5d6e7f8", OrganizationId = OrganizationId, Role = StaffRole.MedicalDirector },
        ],
    };

    public static EncounterSource Encounter => new()
    {
        Id = EncounterId,
        PatientId = PatientId,
        Status = EncounterState.Finished,
        ArrivedAt = Arrival,
        DischargedAt = Arrival.AddHours(3),
        SiteId = SiteId,
        OrganizationId = OrganizationId,
        PractitionerIds = [PractitionerId, NurseId],
    };

    public static InfusionProcedureSource Procedure => new()
    {
        Id = ProcedureId,
        PatientId = PatientId,
        EncounterId = EncounterId,
        Status = InfusionState.Completed,
        StartedAt = InfusionStart,
        EndedAt = InfusionEnd,
        PerformerPractitionerIds = [NurseId],
        SiteId = SiteId,
        Complications = ["Transient nausea"],
        ProtocolVersion = "2026.1",
    };

    public static MedicationAdministrationSource MedicationAdministration => new()
    {
        Id = "f4b0a0c1-d5e7-4608-9320-b4c5d6e7f809",
        PatientId = PatientId,
        EncounterId = EncounterId,
        ProcedureId = ProcedureId,
        Status = InfusionState.Completed,
        StartedAt = InfusionStart,
        EndedAt = InfusionEnd,
        PerformerPractitionerIds = [NurseId],
        DoseMg = 36m,
        RateMlPerHour = 54m,
        DoseMgPerKg = 0.5m,
        WeightBasis = DoseWeightBasis.Actual,
        WeightKg = 72m,
        LotNumber = "LOT-SYN-42",
        VialId = "VIAL-0007",
        Ndc = "0000-0000-00",
        ProtocolVersion = "2026.1",
    };

    public static VitalSignSource Vital(VitalMeasurement measurement, string id) => new()
    {
        Id = id,
        PatientId = PatientId,
        Measurement = measurement,
        EffectiveAt = InfusionStart.AddMinutes(15),
        EncounterId = EncounterId,
        ProcedureId = ProcedureId,
        DeviceId = DeviceId,
        Interpretation = VitalInterpretation.Normal,
        Identifier = new ExternalIdentifier("urn:ietf:rfc:3986", "urn:uuid:" + id),
    };

    /// <summary>One vital sign of each kind, with the profile it must conform to.</summary>
    public static IReadOnlyList<(VitalSignSource Source, string Profile)> Vitals =>
    [
        (Vital(new VitalMeasurement.BloodPressure(128m, 82m), "10000000-0000-4000-8000-000000000001"), "http://hl7.org/fhir/StructureDefinition/bp"),
        (Vital(new VitalMeasurement.HeartRate(74m), "10000000-0000-4000-8000-000000000002"), "http://hl7.org/fhir/StructureDefinition/heartrate"),
        (Vital(new VitalMeasurement.OxygenSaturation(97m), "10000000-0000-4000-8000-000000000003"), "http://hl7.org/fhir/StructureDefinition/oxygensat"),
        (Vital(new VitalMeasurement.RespiratoryRate(14m), "10000000-0000-4000-8000-000000000004"), "http://hl7.org/fhir/StructureDefinition/resprate"),
        (Vital(new VitalMeasurement.BodyWeight(72.4m), "10000000-0000-4000-8000-000000000005"), "http://hl7.org/fhir/StructureDefinition/bodyweight"),
        (Vital(new VitalMeasurement.BodyTemperature(36.8m), "10000000-0000-4000-8000-000000000006"), "http://hl7.org/fhir/StructureDefinition/bodytemp"),
    ];

    public static ScoreSource Phq9Score => new()
    {
        Id = "20000000-0000-4000-8000-000000000001",
        PatientId = PatientId,
        Instrument = ScoredInstrument.Phq9,
        EffectiveAt = Arrival.AddMinutes(10),
        Total = 12,
        BandText = "Moderate",
        EncounterId = EncounterId,
        QuestionnaireResponseId = QuestionnaireResponseId,
        ProtocolVersion = "2026.1",
        RemissionCutoff = 4,
    };

    public static ScoreSource CssrsScore => new()
    {
        Id = "20000000-0000-4000-8000-000000000002",
        PatientId = PatientId,
        Instrument = ScoredInstrument.CssrsScreener,
        EffectiveAt = Arrival.AddMinutes(12),
        RiskLevel = CssrsRisk.None,
        BandText = "None",
        QuestionnaireResponseId = QuestionnaireResponseId,
    };

    public static ScoreSource MadrsIncomplete => new()
    {
        Id = "20000000-0000-4000-8000-000000000003",
        PatientId = PatientId,
        Instrument = ScoredInstrument.Madrs,
        EffectiveAt = Arrival.AddMinutes(20),
    };

    public static QuestionnaireSource Phq9Questionnaire
    {
        get
        {
            string[] texts =
            [
                "Little interest or pleasure in doing things", "Feeling down, depressed, or hopeless",
                "Trouble falling or staying asleep, or sleeping too much", "Feeling tired or having little energy",
                "Poor appetite or overeating", "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
                "Trouble concentrating on things, such as reading the newspaper or watching television",
                "Moving or speaking so slowly that other people could have noticed. Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual",
                "Thoughts that you would be better off dead, or of hurting yourself in some way",
            ];
            string[] loinc = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];
            AnswerOptionSource[] options =
            [
                new() { Code = CodedValue.Loinc("LA6568-5", "Not at all"), Score = 0 },
                new() { Code = CodedValue.Loinc("LA6569-3", "Several days"), Score = 1 },
                new() { Code = CodedValue.Loinc("LA6570-1", "More than half the days"), Score = 2 },
                new() { Code = CodedValue.Loinc("LA6571-9", "Nearly every day"), Score = 3 },
            ];
            return new QuestionnaireSource
            {
                Id = "phq-9",
                Name = "PHQ9",
                Title = "Patient Health Questionnaire (PHQ-9)",
                Version = "1.0.0",
                PanelCode = CodedValue.Loinc("44249-1", "PHQ-9 quick depression assessment panel"),
                Items =
                [
                    new QuestionnaireItemSource { LinkId = "intro", Text = "Over the last 2 weeks, how often have you been bothered by any of the following problems?", Type = QuestionType.Display },
                    .. texts.Select((text, i) => new QuestionnaireItemSource
                    {
                        LinkId = loinc[i],
                        Text = text,
                        Type = QuestionType.Choice,
                        Code = CodedValue.Loinc(loinc[i]),
                        Required = true,
                        AnswerOptions = options,
                    }),
                ],
            };
        }
    }

    public static QuestionnaireSource CssrsQuestionnaire => new()
    {
        Id = "cssrs-screener-recent",
        Name = "CSSRSScreenerRecent",
        Title = "C-SSRS Screener (Recent)",
        Version = "1.0.0",
        PanelCode = CodedValue.Loinc("93373-9", "C-SSRS screener, recent"),
        Items =
        [
            new QuestionnaireItemSource { LinkId = "q1", Text = "Wished you were dead or wished you could go to sleep and not wake up?", Type = QuestionType.Boolean, Code = CodedValue.Loinc("93246-7"), Required = true },
            new QuestionnaireItemSource { LinkId = "q2", Text = "Have you actually had any thoughts of killing yourself?", Type = QuestionType.Boolean, Code = CodedValue.Loinc("93247-5"), Required = true },
            new QuestionnaireItemSource { LinkId = "q3", Text = "Have you been thinking about how you might do this?", Type = QuestionType.Boolean, Code = CodedValue.Loinc("93248-3"), EnableWhen = [new EnableWhenSource { QuestionLinkId = "q2", AnswerBoolean = true }] },
            new QuestionnaireItemSource { LinkId = "q6", Text = "Have you ever done anything, started to do anything, or prepared to do anything to end your life?", Type = QuestionType.Boolean, Code = CodedValue.Loinc("93267-3"), Required = true },
            new QuestionnaireItemSource
            {
                LinkId = "q6a",
                Text = "Was this within the past 3 months?",
                Type = QuestionType.Boolean,
                Code = CodedValue.Loinc("93269-9"),
                EnableWhen = [new EnableWhenSource { QuestionLinkId = "q6", AnswerBoolean = true }],
            },
        ],
    };

    public static QuestionnaireSource MadrsQuestionnaire => new()
    {
        Id = "madrs",
        Name = "MADRS",
        Title = "Montgomery-Åsberg Depression Rating Scale",
        PanelCode = new CodedValue("https://ketamine.clinic/fhir/CodeSystem/instrument-scores", "madrs", "MADRS panel"),
        Version = "1.0.0",
        Items =
        [
            new QuestionnaireItemSource
            {
                LinkId = "madrs-10",
                Text = "Suicidal thoughts",
                Type = QuestionType.Integer,
                Required = true,
                AnswerOptions = [.. Enumerable.Range(0, 7).Select(score => new AnswerOptionSource { Score = score })],
            },
        ],
    };

    public static QuestionnaireResponseSource Phq9Response => new()
    {
        Id = QuestionnaireResponseId,
        Questionnaire = "http://loinc.org/q/44249-1|1.0.0",
        PatientId = PatientId,
        AuthoredAt = Arrival.AddMinutes(8),
        EncounterId = EncounterId,
        Answers =
        [
            new AnswerSource("44250-9", new AnswerValue.Coded(CodedValue.Loinc("LA6570-1", "More than half the days"))),
            new AnswerSource("44255-8", new AnswerValue.Coded(CodedValue.Loinc("LA6569-3", "Several days"))),
            new AnswerSource("44260-8", new AnswerValue.Integer(0)),
            new AnswerSource("note", new AnswerValue.Text("Slept poorly")),
            new AnswerSource("flag", new AnswerValue.Boolean(false)),
            new AnswerSource("weight", new AnswerValue.Decimal(72.5m)),
        ],
    };

    public static FlagSource SuicideFlag => new()
    {
        Id = "30000000-0000-4000-8000-000000000001",
        PatientId = PatientId,
        Kind = FlagKind.SuicideRisk,
        Text = "Suicide risk: C-SSRS High (synthetic)",
        RaisedAt = Arrival.AddMinutes(15),
        Priority = FlagPriorityLevel.High,
        RaisedByPractitionerId = PractitionerId,
        EncounterId = EncounterId,
    };

    public static DetectedIssueSource BpGateOverride => new()
    {
        Id = "40000000-0000-4000-8000-000000000001",
        PatientId = PatientId,
        Kind = DetectedIssueKind.VitalsGate,
        RuleId = "BP-GATE-01",
        Severity = IssueSeverityLevel.High,
        Detail = "Pre-infusion BP 168/102 mmHg above the gate.",
        IdentifiedAt = InfusionStart.AddMinutes(-5),
        Implicated = ["Observation/10000000-0000-4000-8000-000000000001"],
        Mitigations = [new MitigationSource { Kind = MitigationKind.Override, Reason = "Repeat BP after rest 152/94; benefits outweigh risk", PractitionerId = PractitionerId, At = InfusionStart.AddMinutes(-2) }],
        ProtocolVersion = "2026.1",
    };

    public static RiskAssessmentSource CssrsRiskAssessment => new()
    {
        Id = "50000000-0000-4000-8000-000000000001",
        PatientId = PatientId,
        Risk = CssrsRisk.None,
        AssessedAt = Arrival.AddMinutes(12),
        EncounterId = EncounterId,
        PerformerPractitionerId = PractitionerId,
        QuestionnaireResponseId = QuestionnaireResponseId,
        RiskLevelObservationId = "20000000-0000-4000-8000-000000000002",
        Note = "All screener answers No (CSSRS-04).",
        ProtocolVersion = "2026.1",
    };

    public static AuditEventSource ReadAudit => new()
    {
        Id = "60000000-0000-4000-8000-000000000001",
        Kind = AuditKind.Rest,
        Interaction = RestInteraction.Read,
        Action = AuditAction.Read,
        RecordedAt = Arrival.AddHours(5),
        Outcome = AuditOutcome.Success,
        Agents = [new AuditAgentSource { ClientId = "demo-client", IsRequestor = true, NetworkAddress = "127.0.0.1" }],
        SourceSite = "Downtown",
        Entities = [new AuditEntitySource { Reference = "Patient/" + PatientId }],
    };

    public static AuditEventSource SearchAudit => ReadAudit with
    {
        Id = "60000000-0000-4000-8000-000000000002",
        Interaction = RestInteraction.Search,
        Entities = [new AuditEntitySource { Query = "Observation?patient=" + PatientId + "&category=vital-signs" }],
        Agents = [new AuditAgentSource { Reference = "Practitioner/" + PractitionerId, IsRequestor = true }],
    };

    public static AuditEventSource ExportAudit => ReadAudit with
    {
        Id = "60000000-0000-4000-8000-000000000003",
        Kind = AuditKind.Export,
        Interaction = null,
        Action = AuditAction.Execute,
        Outcome = AuditOutcome.MinorFailure,
        OutcomeDescription = "1 of 3 files failed",
    };

    /// <summary>Every kind of resource the server emits, built from the samples, by a name for the test output.</summary>
    public static IEnumerable<(string Name, Resource Resource)> AllResources()
    {
        yield return ("Patient", FhirMapper.ToPatient(Patient));
        yield return ("Organization", FhirMapper.ToOrganization(Organization));
        yield return ("Location", FhirMapper.ToLocation(Site));
        yield return ("HealthcareService", FhirMapper.ToHealthcareService(Site));
        yield return ("Practitioner", FhirMapper.ToPractitioner(Practitioner));
        foreach (var role in FhirMapper.ToPractitionerRoles(Practitioner))
        {
            yield return ("PractitionerRole " + role.Code[0].Coding[0].Code, role);
        }

        yield return ("Encounter", FhirMapper.ToEncounter(Encounter));
        yield return ("Procedure", FhirMapper.ToProcedure(Procedure));
        yield return ("MedicationAdministration", FhirMapper.ToMedicationAdministration(MedicationAdministration));
        foreach (var (source, _) in Vitals)
        {
            yield return ("Observation vital " + source.Measurement.Kind, FhirMapper.ToObservation(source));
        }

        yield return ("Observation score PHQ-9", FhirMapper.ToObservation(Phq9Score));
        yield return ("Observation score C-SSRS", FhirMapper.ToObservation(CssrsScore));
        yield return ("Observation PHQ-9 item 9", FhirMapper.ToObservation(Phq9Score with { Id = "20000000-0000-4000-8000-000000000004", Instrument = ScoredInstrument.Phq9Item9, Total = 1, BandText = null, RemissionCutoff = null }));
        yield return ("Observation score MADRS incomplete", FhirMapper.ToObservation(MadrsIncomplete));
        yield return ("Questionnaire PHQ-9", FhirMapper.ToQuestionnaire(Phq9Questionnaire));
        yield return ("Questionnaire C-SSRS", FhirMapper.ToQuestionnaire(CssrsQuestionnaire));
        yield return ("Questionnaire MADRS", FhirMapper.ToQuestionnaire(MadrsQuestionnaire));
        yield return ("QuestionnaireResponse", FhirMapper.ToQuestionnaireResponse(Phq9Response));
        yield return ("Flag", FhirMapper.ToFlag(SuicideFlag));
        yield return ("DetectedIssue", FhirMapper.ToDetectedIssue(BpGateOverride));
        yield return ("RiskAssessment", FhirMapper.ToRiskAssessment(CssrsRiskAssessment));
        yield return ("AuditEvent read", FhirMapper.ToAuditEvent(ReadAudit));
        yield return ("AuditEvent search", FhirMapper.ToAuditEvent(SearchAudit));
        yield return ("AuditEvent export", FhirMapper.ToAuditEvent(ExportAudit));
        yield return ("OperationOutcome", OperationOutcomes.From(
        [
            FhirIssue.Error(FhirIssueType.CodeInvalid, "Unit mmHg is not accepted", "Observation.component[0].value"),
            new FhirIssue(FhirIssueSeverity.Warning, FhirIssueType.Processing, "Parameter _foo ignored"),
        ]));
        yield return ("Bundle searchset", SearchBundles.Build(SearchPageOf([FhirMapper.ToPatient(Patient)])));
        yield return ("Location chair", FhirMapper.ToLocation(Chair));
        yield return ("CapabilityStatement", CapabilityStatements.Build(Capabilities));
        yield return ("Bundle collection", FhirOut.CollectionBundle(
            "https://clinic.example.org/fhir",
            [FhirResourceOut.Of(FhirMapper.ToEncounter(Encounter)), FhirResourceOut.Of(FhirMapper.ToProcedure(Procedure)), FhirResourceOut.Of(FhirMapper.ToObservation(Vitals[0].Source))],
            Arrival.AddHours(3)));
        yield return ("Bundle searchset from FhirOut, lenient", FhirJson.Parse<Bundle>(FhirOut.SearchSet(
            "https://clinic.example.org/fhir",
            [FhirResourceOut.Of(FhirMapper.ToObservation(Vitals[1].Source))],
            7,
            new SearchLinks { Self = "https://clinic.example.org/fhir/Observation?_count=1", Next = "https://clinic.example.org/fhir/Observation?_count=1&_offset=1" },
            ["Unknown search parameter 'colour' for Observation (ignored)"],
            Arrival.AddHours(3))) switch
        {
            FhirParseResult<Bundle>.Parsed parsed => parsed.Value,
            var other => throw new InvalidOperationException(other.ToString()),
        });
        foreach (var resource in ClinicConformance.All())
        {
            yield return (resource.TypeName + " " + resource.Id, resource);
        }
    }

    public static ChairSource Chair => new()
    {
        Id = "10000000-0000-4000-8000-0000000000c1",
        SiteId = Site.Id,
        OrganizationId = Organization.Id,
        Label = "Chair 3",
        SiteName = Site.Name,
    };

    public static CapabilitySource Capabilities => new()
    {
        PublishedAt = Arrival,
        SoftwareVersion = "1.0.0",
        ImplementationUrl = "https://clinic.example.org/fhir",
        TokenUrl = "https://clinic.example.org/connect/token",
        Resources =
        [
            new CapabilityResource("Location", ["read", "search-type"], [new CapabilitySearchParam("partof", "reference", "Chairs of a site")], "Public"),
            new CapabilityResource("Observation", ["read", "search-type", "create"],
                [new CapabilitySearchParam("patient", "reference"), new CapabilitySearchParam("date", "date"), new CapabilitySearchParam("code", "token"), new CapabilitySearchParam("_count", "number")]),
        ],
    };

    public static SearchPage SearchPageOf(IReadOnlyList<Resource> matches) => new()
    {
        BaseUrl = "https://clinic.example.org/fhir",
        Matches = matches,
        Included = [FhirMapper.ToOrganization(Organization)],
        Total = 41,
        Links = new SearchLinks
        {
            Self = "https://clinic.example.org/fhir/Patient?_count=20&page=2",
            First = "https://clinic.example.org/fhir/Patient?_count=20&page=1",
            Previous = "https://clinic.example.org/fhir/Patient?_count=20&page=1",
            Next = "https://clinic.example.org/fhir/Patient?_count=20&page=3",
            Last = "https://clinic.example.org/fhir/Patient?_count=20&page=3",
        },
        Outcome = OperationOutcomes.From(new FhirIssue(FhirIssueSeverity.Warning, FhirIssueType.NotSupported, "Parameter _foo is not supported and was ignored")),
        Timestamp = Arrival.AddHours(6),
    };
}
