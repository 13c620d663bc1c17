namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>What a Flag warns about (Flag.code, local flag-code system).</summary>
public enum FlagKind
{
    /// <summary>At risk for suicide (clinical-spec §8.1, SI-2/SI-3). Category clinical.</summary>
    SuicideRisk,

    /// <summary>Fall risk after an infusion. Category safety.</summary>
    FallRisk,

    /// <summary>Drug allergy. Category drug.</summary>
    Allergy,

    /// <summary>Controlled-substance concern (diversion, misuse). Category behavioral.</summary>
    ControlledSubstanceConcern,

    /// <summary>Anything else; category clinical.</summary>
    Other,
}

/// <summary>Flag priority (R4 flag-priority extension): PN none, PL low, PM medium, PH high.</summary>
public enum FlagPriorityLevel
{
    None,
    Low,
    Medium,
    High,
}

/// <summary>Input for FHIR Flag (e.g. the suicide-risk flag of SI-2 / SI-3).</summary>
public sealed record FlagSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required FlagKind Kind { get; init; }

    /// <summary>What the chart header shows, e.g. "Suicide risk: C-SSRS High 2026-03-02".</summary>
    public required string Text { get; init => field = Guard.NotBlank(value, nameof(Text)); }
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>When the flag was cleared; a cleared flag is inactive.</summary>
    public DateTimeOffset? ClearedAt { get; init; }
    public FlagPriorityLevel Priority { get; init; } = FlagPriorityLevel.Medium;
    public string? RaisedByPractitionerId { get; init => field = FhirIds.RequireOptional(value, nameof(RaisedByPractitionerId)); }
    public string? EncounterId { get; init => field = FhirIds.RequireOptional(value, nameof(EncounterId)); }
    public bool EnteredInError { get; init; }
}

/// <summary>Kinds of findings the rules raise (DetectedIssue.code, local detected-issue-kind system).</summary>
public enum DetectedIssueKind
{
    DrugInteraction,
    Contraindication,
    VitalsGate,
    DoseLimit,
    Eligibility,
    SuicideRisk,
    Other,
}

/// <summary>DetectedIssue.severity.</summary>
public enum IssueSeverityLevel
{
    High,
    Moderate,
    Low,
}

/// <summary>How a finding was dealt with (clinical-spec §0: HARD STOP override or WARN acknowledgement).</summary>
public enum MitigationKind
{
    /// <summary>A HARD STOP overridden by an authorised user, with a reason.</summary>
    Override,

    /// <summary>A WARN acknowledged by the named role.</summary>
    Acknowledgement,
}

/// <summary>The mitigation of a finding: what, why, who, when (DetectedIssue.mitigation).</summary>
public sealed record MitigationSource
{
    public required MitigationKind Kind { get; init; }

    /// <summary>The free-text reason the override requires (written to mitigation.action.text).</summary>
    public required string Reason { get; init => field = Guard.NotBlank(value, nameof(Reason)); }
    public required string PractitionerId { get; init => field = FhirIds.Require(value, nameof(PractitionerId)); }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Input for FHIR DetectedIssue: a rule finding (interaction, contraindication, BP gate...).</summary>
public sealed record DetectedIssueSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required DetectedIssueKind Kind { get; init; }

    /// <summary>The spec's rule id, e.g. <c>VS-BP-02</c> (second coding, clinical-rule system).</summary>
    public required string RuleId { get; init => field = Guard.NotBlank(value, nameof(RuleId)); }
    public required IssueSeverityLevel Severity { get; init; }
    public required string Detail { get; init => field = Guard.NotBlank(value, nameof(Detail)); }
    public required DateTimeOffset IdentifiedAt { get; init; }
    public ResultStatus Status { get; init; } = ResultStatus.Final;

    /// <summary>References to what the finding is about, as <c>Type/id</c> (e.g. <c>MedicationStatement/…</c>).</summary>
    public IReadOnlyList<string> Implicated { get; init => field = ReferenceText.RequireAll(value, nameof(Implicated)); } = [];
    public IReadOnlyList<MitigationSource> Mitigations { get; init; } = [];
    public string? ProtocolVersion { get; init => field = Guard.NotBlankOptional(value, nameof(ProtocolVersion)); }
}

/// <summary>Checks for relative references <c>Type/id</c>.</summary>
public static class ReferenceText
{
    /// <summary>True when <paramref name="reference"/> is <c>ResourceType/id</c> with a known R4 type and a legal id.</summary>
    public static bool IsRelative(string? reference)
    {
        if (reference is null)
        {
            return false;
        }

        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && Hl7.Fhir.Model.ModelInfo.IsKnownResource(reference[..slash])
            && FhirIds.IsValid(reference[(slash + 1)..]);
    }

    internal static IReadOnlyList<string> RequireAll(IReadOnlyList<string> references, string paramName)
    {
        foreach (var r in references)
        {
            if (!IsRelative(r))
            {
                throw new ArgumentException($"'{r}' is not a relative reference 'Type/id'.", paramName);
            }
        }

        return references;
    }
}
