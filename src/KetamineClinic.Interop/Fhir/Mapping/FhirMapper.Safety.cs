using System.Text;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Sources;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Mapping;

public static partial class FhirMapper
{
    /// <summary>
    /// Flag (clinical-spec §8.1, §10.1). The suicide-risk flag is coded with a local code: the spec asks for the
    /// SNOMED concept "at risk for suicide" only after its id is verified, so none is written yet.
    /// </summary>
    public static Flag ToFlag(FlagSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Guard.NotBefore(source.ClearedAt, source.RaisedAt, nameof(source));
        var (category, categoryDisplay, code, codeDisplay) = source.Kind switch
        {
            FlagKind.SuicideRisk => ("clinical", "Clinical", "suicide-risk", "At risk for suicide"),
            FlagKind.FallRisk => ("safety", "Safety", "fall-risk", "Fall risk"),
            FlagKind.Allergy => ("drug", "Drug", "allergy", "Drug allergy"),
            FlagKind.ControlledSubstanceConcern => ("behavioral", "Behavioral", "controlled-substance-concern", "Controlled-substance concern"),
            FlagKind.Other => ("clinical", "Clinical", "other", "Other"),
        };
        var flag = new Flag
        {
            Id = source.Id,
            Status = source.EnteredInError
                ? Flag.FlagStatus.EnteredInError
                : source.ClearedAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [Concept(Systems.FlagCategory, category, categoryDisplay)],
            Code = new CodeableConcept { Coding = [Code(ClinicSystems.FlagCode, code, codeDisplay)], Text = source.Text },
            Subject = Ref("Patient", source.PatientId),
            Period = PeriodOf(source.RaisedAt, source.ClearedAt),
            Encounter = RefOrNull("Encounter", source.EncounterId),
            Author = RefOrNull("Practitioner", source.RaisedByPractitionerId),
        };
        var (priority, priorityDisplay) = source.Priority switch
        {
            FlagPriorityLevel.None => ("PN", "No alarm"),
            FlagPriorityLevel.Low => ("PL", "Low priority"),
            FlagPriorityLevel.Medium => ("PM", "Medium priority"),
            FlagPriorityLevel.High => ("PH", "High priority"),
        };
        flag.Extension.Add(new Extension(FhirConventions.Extensions.FlagPriority, Concept(Systems.FlagPriority, priority, priorityDisplay)));
        return flag;
    }

    /// <summary>
    /// DetectedIssue: a rule finding (clinical-spec §0, §10.1). Code = kind + rule id; each mitigation records what was
    /// done (override / acknowledgement, the reason in action.text), who and when.
    /// </summary>
    public static DetectedIssue ToDetectedIssue(DetectedIssueSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (kind, kindDisplay) = source.Kind switch
        {
            DetectedIssueKind.DrugInteraction => ("drug-interaction", "Drug interaction"),
            DetectedIssueKind.Contraindication => ("contraindication", "Contraindication"),
            DetectedIssueKind.VitalsGate => ("vitals-gate", "Vital-sign gate"),
            DetectedIssueKind.DoseLimit => ("dose-limit", "Dose limit"),
            DetectedIssueKind.Eligibility => ("eligibility", "Eligibility"),
            DetectedIssueKind.SuicideRisk => ("suicide-risk", "Suicide risk"),
            DetectedIssueKind.Other => ("other", "Other"),
        };
        var issue = new DetectedIssue
        {
            Id = source.Id,
            Status = ToFhir(source.Status),
            Code = Concept(Code(ClinicSystems.DetectedIssueKind, kind, kindDisplay), Code(ClinicSystems.ClinicalRule, source.RuleId)),
            Severity = source.Severity switch
            {
                IssueSeverityLevel.High => DetectedIssue.DetectedIssueSeverity.High,
                IssueSeverityLevel.Moderate => DetectedIssue.DetectedIssueSeverity.Moderate,
                IssueSeverityLevel.Low => DetectedIssue.DetectedIssueSeverity.Low,
            },
            Patient = Ref("Patient", source.PatientId),
            Identified = DateTime(source.IdentifiedAt),
            Implicated = [.. source.Implicated.Select(r => new ResourceReference(r))],
            Detail = source.Detail,
            Mitigation = [.. source.Mitigations.Select(m => new DetectedIssue.MitigationComponent
            {
                Action = new CodeableConcept
                {
                    Coding = [m.Kind switch
                    {
                        MitigationKind.Override => Code(ClinicSystems.MitigationAction, "override", "Overridden by an authorised user"),
                        MitigationKind.Acknowledgement => Code(ClinicSystems.MitigationAction, "acknowledged", "Warning acknowledged"),
                    }],
                    Text = m.Reason,
                },
                DateElement = DateTime(m.At),
                Author = Ref("Practitioner", m.PractitionerId),
            })],
        };
        issue.Extension.AddIfNotNull(ProtocolVersionExtension(source.ProtocolVersion));
        return issue;
    }

    /// <summary>
    /// RiskAssessment for the C-SSRS screener triage: qualitativeRisk low / moderate / high, and <c>negligible</c>
    /// for None because risk-probability has no "none" (CSSRS-04, clinical-spec §6.6).
    /// </summary>
    public static RiskAssessment ToRiskAssessment(RiskAssessmentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (risk, display) = source.Risk switch
        {
            CssrsRisk.None => ("negligible", "Negligible likelihood"),
            CssrsRisk.Low => ("low", "Low likelihood"),
            CssrsRisk.Moderate => ("moderate", "Moderate likelihood"),
            CssrsRisk.High => ("high", "High likelihood"),
        };
        var assessment = new RiskAssessment
        {
            Id = source.Id,
            Status = ToFhir(source.Status),
            Method = new CodeableConcept { Coding = [Code(Systems.Loinc, "93373-9")], Text = "C-SSRS screener" },
            Code = Concept(ClinicSystems.RiskAssessmentType, "suicide-risk-triage", "Suicide-risk triage"),
            Subject = Ref("Patient", source.PatientId),
            Encounter = RefOrNull("Encounter", source.EncounterId),
            Occurrence = DateTime(source.AssessedAt),
            Performer = RefOrNull("Practitioner", source.PerformerPractitionerId),
            Prediction =
            [
                new RiskAssessment.PredictionComponent
                {
                    Outcome = new CodeableConcept { Text = "Suicidal behavior" },
                    QualitativeRisk = new CodeableConcept
                    {
                        Coding = [Code(Systems.RiskProbability, risk, display)],
                        Text = "C-SSRS screener: " + FhirMapper.CssrsRiskCoding(source.Risk).Display,
                    },
                },
            ],
        };
        if (source.QuestionnaireResponseId is { } qr)
        {
            assessment.Basis.Add(Ref("QuestionnaireResponse", qr));
        }

        if (source.RiskLevelObservationId is { } obs)
        {
            assessment.Basis.Add(Ref("Observation", obs));
        }

        if (source.Note is { } note)
        {
            assessment.Note.Add(new Annotation { Text = new Markdown(note) });
        }

        assessment.Extension.AddIfNotNull(ProtocolVersionExtension(source.ProtocolVersion));
        return assessment;
    }

    /// <summary>
    /// AuditEvent (R4): type rest (subtype the interaction) / export / login / clinical override; agents; source;
    /// entities (a resource, or a search query as base64).
    /// </summary>
    public static AuditEvent ToAuditEvent(AuditEventSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Agents.Count == 0)
        {
            throw new ArgumentException("An AuditEvent needs at least one agent.", nameof(source));
        }

        if ((source.Kind == AuditKind.Rest) != (source.Interaction is not null))
        {
            throw new ArgumentException("Interaction is required for REST events and only for them.", nameof(source));
        }

        var audit = new AuditEvent
        {
            Id = source.Id,
            Type = source.Kind switch
            {
                AuditKind.Rest => Code(Systems.AuditEventType, "rest", "RESTful Operation"),
                AuditKind.Export => Code(Systems.Dicom, "110106", "Export"),
                AuditKind.Login => Code(Systems.Dicom, "110114", "User Authentication"),
                AuditKind.Override => Code(ClinicSystems.AuditEventType, "clinical-override", "Clinical override"),
            },
            Action = source.Action switch
            {
                AuditAction.Create => AuditEvent.AuditEventAction.C,
                AuditAction.Read => AuditEvent.AuditEventAction.R,
                AuditAction.Update => AuditEvent.AuditEventAction.U,
                AuditAction.Delete => AuditEvent.AuditEventAction.D,
                AuditAction.Execute => AuditEvent.AuditEventAction.E,
            },
            RecordedElement = InstantOf(source.RecordedAt),
            Outcome = source.Outcome switch
            {
                AuditOutcome.Success => AuditEvent.AuditEventOutcome.N0,
                AuditOutcome.MinorFailure => AuditEvent.AuditEventOutcome.N4,
                AuditOutcome.SeriousFailure => AuditEvent.AuditEventOutcome.N8,
                AuditOutcome.MajorFailure => AuditEvent.AuditEventOutcome.N12,
            },
            OutcomeDesc = source.OutcomeDescription,
            Agent = [.. source.Agents.Select(ToAgent)],
            Source = new AuditEvent.SourceComponent
            {
                Site = source.SourceSite,
                Observer = new ResourceReference { Display = source.SourceObserver },
                Type = [Code(Systems.SecuritySource, "4", "Application Server")],
            },
            Entity = [.. source.Entities.Select(ToEntity)],
        };
        if (source.Interaction is { } interaction)
        {
            audit.Subtype.Add(interaction switch
            {
                RestInteraction.Read => Code(Systems.RestfulInteraction, "read", "read"),
                RestInteraction.Vread => Code(Systems.RestfulInteraction, "vread", "vread"),
                RestInteraction.Search => Code(Systems.RestfulInteraction, "search-type", "search-type"),
                RestInteraction.Create => Code(Systems.RestfulInteraction, "create", "create"),
                RestInteraction.Update => Code(Systems.RestfulInteraction, "update", "update"),
                RestInteraction.Patch => Code(Systems.RestfulInteraction, "patch", "patch"),
                RestInteraction.Delete => Code(Systems.RestfulInteraction, "delete", "delete"),
                RestInteraction.History => Code(Systems.RestfulInteraction, "history-instance", "history-instance"),
                RestInteraction.Capabilities => Code(Systems.RestfulInteraction, "capabilities", "capabilities"),
                RestInteraction.Operation => Code(Systems.RestfulInteraction, "operation", "operation"),
            });
        }
        else if (source.Kind == AuditKind.Login)
        {
            audit.Subtype.Add(Code(Systems.Dicom, "110122", "Login"));
        }

        return audit;
    }

    private static AuditEvent.AgentComponent ToAgent(AuditAgentSource agent)
    {
        if (agent.Reference is null && agent.ClientId is null)
        {
            throw new ArgumentException("An agent needs a reference or a client id.", nameof(agent));
        }

        var who = agent.Reference is { } reference ? new ResourceReference(reference) : new ResourceReference();
        if (agent.ClientId is { } clientId)
        {
            who.Identifier = new Identifier(ClinicBase + "/sid/oauth-client", clientId);
        }

        return new AuditEvent.AgentComponent
        {
            Who = who,
            Requestor = agent.IsRequestor,
            Network = agent.NetworkAddress is { } address
                ? new AuditEvent.NetworkComponent { Address = address, Type = AuditEvent.AuditEventAgentNetworkType.N2 }
                : null,
        };
    }

    private static AuditEvent.EntityComponent ToEntity(AuditEntitySource entity)
    {
        if (entity.Reference is null && entity.Query is null)
        {
            throw new ArgumentException("An entity needs a reference or a query.", nameof(entity));
        }

        var component = new AuditEvent.EntityComponent
        {
            What = entity.Reference is { } reference ? new ResourceReference(reference) : null,
            Type = Code(Systems.AuditEntityType, "2", "System Object"),
        };
        if (entity.Query is { } query)
        {
            component.Role = Code(Systems.ObjectRole, "24", "Query");
            component.Query = Encoding.UTF8.GetBytes(query);
        }
        else
        {
            component.Role = Code(Systems.ObjectRole, "4", "Domain Resource");
        }

        return component;
    }
}
