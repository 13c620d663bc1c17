namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>A code from a code system (system + code + display).</summary>
public sealed record CodedValue
{
    public CodedValue(string system, string code, string? display = null)
    {
        System = Guard.NotBlank(system, nameof(system));
        Code = Guard.NotBlank(code, nameof(code));
        Display = Guard.NotBlankOptional(display, nameof(display));
    }

    public string System { get; }
    public string Code { get; }
    public string? Display { get; }

    /// <summary>A LOINC code.</summary>
    public static CodedValue Loinc(string code, string? display = null) => new(FhirConventions.Systems.Loinc, code, display);
}

/// <summary>Questionnaire item types used by the clinic's instruments.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Members mirror FHIR's item type codes.")]
public enum QuestionType
{
    /// <summary>A question answered by one of <see cref="QuestionnaireItemSource.AnswerOptions"/>.</summary>
    Choice,
    Boolean,
    Integer,
    Decimal,
    String,

    /// <summary>Text shown to the respondent, not a question.</summary>
    Display,
}

/// <summary>An answer option: a coded answer (e.g. LOINC LA6568-5 "Not at all") or a bare integer, with its score.</summary>
public sealed record AnswerOptionSource
{
    /// <summary>The coded answer; null for an integer-only option.</summary>
    public CodedValue? Code { get; init; }

    /// <summary>The score this answer contributes (Coding ordinalValue, or valueInteger when <see cref="Code"/> is null).</summary>
    public required int Score { get; init; }
}

/// <summary>"Ask this item only when item <see cref="QuestionLinkId"/> was answered <see cref="AnswerBoolean"/>" (e.g. C-SSRS Q3-5 after Q2 = Yes).</summary>
public sealed record EnableWhenSource
{
    public required string QuestionLinkId { get; init => field = Guard.NotBlank(value, nameof(QuestionLinkId)); }
    public required bool AnswerBoolean { get; init; }
}

/// <summary>One question of an instrument.</summary>
public sealed record QuestionnaireItemSource
{
    public required string LinkId { get; init => field = Guard.NotBlank(value, nameof(LinkId)); }
    public required string Text { get; init => field = Guard.NotBlank(value, nameof(Text)); }
    public required QuestionType Type { get; init; }

    /// <summary>The item's code (LOINC item code, or a local code).</summary>
    public CodedValue? Code { get; init; }
    public bool Required { get; init; }
    public IReadOnlyList<AnswerOptionSource> AnswerOptions { get; init; } = [];

    /// <summary>All conditions must hold (enableBehavior all) for the item to be asked.</summary>
    public IReadOnlyList<EnableWhenSource> EnableWhen { get; init; } = [];
}

/// <summary>
/// Input for FHIR Questionnaire: an instrument definition. Its canonical URL is LOINC's
/// (<c>http://loinc.org/q/&lt;panel&gt;</c>) when <see cref="PanelCode"/> is a LOINC code, else the clinic's
/// (<c>https://ketamine.clinic/fhir/Questionnaire/&lt;id&gt;</c>).
/// </summary>
public sealed record QuestionnaireSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }

    /// <summary>Machine name, e.g. <c>PHQ9</c> (starts with an upper-case letter; letters, digits, underscore).</summary>
    public required string Name { get; init => field = Guard.NotBlank(value, nameof(Name)); }
    public required string Title { get; init => field = Guard.NotBlank(value, nameof(Title)); }
    public required string Version { get; init => field = Guard.NotBlank(value, nameof(Version)); }

    /// <summary>
    /// Panel code (Questionnaire.code): LOINC where LOINC has a panel (PHQ-9 44249-1, GAD-7 69737-5, C-SSRS screener
    /// 93373-9), else a local code, or none.
    /// </summary>
    public CodedValue? PanelCode { get; init; }
    public required IReadOnlyList<QuestionnaireItemSource> Items { get; init; }
    public bool Active { get; init; } = true;

    /// <summary>The canonical URL (see the type's summary).</summary>
    public string Url => FhirConventions.QuestionnaireCanonical(Id, PanelCode?.System == FhirConventions.Systems.Loinc ? PanelCode.Code : null);
}

/// <summary>An answer value (QuestionnaireResponse.item.answer.value[x]).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Cases mirror FHIR's value[x] type names.")]
public abstract record AnswerValue
{
    private AnswerValue()
    {
    }

    public sealed record Integer(int Value) : AnswerValue;

    public sealed record Boolean(bool Value) : AnswerValue;

    public sealed record Coded(CodedValue Value) : AnswerValue;

    public sealed record Decimal(decimal Value) : AnswerValue;

    public sealed record Text(string Value) : AnswerValue;
}

/// <summary>One answered item.</summary>
public sealed record AnswerSource(string LinkId, AnswerValue Value)
{
    public string LinkId { get; } = Guard.NotBlank(LinkId, nameof(LinkId));
}

/// <summary>QuestionnaireResponse.status values the clinic uses.</summary>
public enum ResponseStatus
{
    InProgress,
    Completed,
    Amended,
    Stopped,
    EnteredInError,
}

/// <summary>Input for FHIR QuestionnaireResponse (flat: one level of items, in order).</summary>
public sealed record QuestionnaireResponseSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }

    /// <summary>Canonical of the questionnaire, optionally with <c>|version</c>.</summary>
    public required string Questionnaire { get; init => field = Guard.NotBlank(value, nameof(Questionnaire)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required DateTimeOffset AuthoredAt { get; init; }
    public ResponseStatus Status { get; init; } = ResponseStatus.Completed;
    public string? EncounterId { get; init => field = FhirIds.RequireOptional(value, nameof(EncounterId)); }

    /// <summary>Who wrote the answers: the patient (self-report, the default) or a practitioner (clinician-rated).</summary>
    public string? AuthorPractitionerId { get; init => field = FhirIds.RequireOptional(value, nameof(AuthorPractitionerId)); }

    /// <summary>The sender's business identifier (QuestionnaireResponse.identifier), when one was sent.</summary>
    public ExternalIdentifier? Identifier { get; init; }
    public required IReadOnlyList<AnswerSource> Answers { get; init; }
}
