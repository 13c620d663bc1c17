using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Fhir.Mapping;

public static partial class FhirMapper
{
    /// <summary>
    /// Questionnaire: an instrument definition. Canonical = LOINC's <c>http://loinc.org/q/&lt;panel&gt;</c> where LOINC
    /// has a panel (clinical-spec §10.1), else the clinic's. Coded answers carry their score in the R4 ordinalValue
    /// extension. Throws <see cref="ArgumentException"/> for a definition that would break R4's que-* invariants.
    /// </summary>
    public static Questionnaire ToQuestionnaire(QuestionnaireSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckItems(source.Items);
        var questionnaire = new Questionnaire
        {
            Id = source.Id,
            Url = source.Url,
            Version = source.Version,
            Name = source.Name,
            Title = source.Title,
            Status = source.Active ? PublicationStatus.Active : PublicationStatus.Retired,
            SubjectType = [ResourceType.Patient],
            Item = [.. source.Items.Select(ToItem)],
        };
        if (source.PanelCode is { } panel)
        {
            questionnaire.Code.Add(Code(panel.System, panel.Code, panel.Display));
        }

        return questionnaire;
    }

    /// <summary>QuestionnaireResponse: flat answers in order, subject the patient, author the patient or clinician.</summary>
    public static QuestionnaireResponse ToQuestionnaireResponse(QuestionnaireResponseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var duplicate = source.Answers.GroupBy(a => a.LinkId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Item '{duplicate.Key}' is answered more than once.", nameof(source));
        }

        return new QuestionnaireResponse
        {
            Id = source.Id,
            Identifier = source.Identifier is { } identifier ? new Identifier(identifier.System, identifier.Value) : null,
            Questionnaire = source.Questionnaire,
            Status = source.Status switch
            {
                ResponseStatus.InProgress => QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
                ResponseStatus.Completed => QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
                ResponseStatus.Amended => QuestionnaireResponse.QuestionnaireResponseStatus.Amended,
                ResponseStatus.Stopped => QuestionnaireResponse.QuestionnaireResponseStatus.Stopped,
                ResponseStatus.EnteredInError => QuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError,
            },
            Subject = Ref("Patient", source.PatientId),
            Encounter = RefOrNull("Encounter", source.EncounterId),
            AuthoredElement = DateTime(source.AuthoredAt),
            Author = source.AuthorPractitionerId is { } author ? Ref("Practitioner", author) : Ref("Patient", source.PatientId),
            Source = Ref("Patient", source.PatientId),
            Item = [.. source.Answers.Select(a => new QuestionnaireResponse.ItemComponent
            {
                LinkId = a.LinkId,
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = ToFhir(a.Value) }],
            })],
        };
    }

    private static DataType ToFhir(AnswerValue value) => value switch
    {
        AnswerValue.Integer i => new Integer(i.Value),
        AnswerValue.Boolean b => new FhirBoolean(b.Value),
        AnswerValue.Coded c => Code(c.Value.System, c.Value.Code, c.Value.Display),
        AnswerValue.Decimal d => new FhirDecimal(d.Value),
        AnswerValue.Text t => new FhirString(t.Value),
        _ => throw new ArgumentException($"Unknown answer type {value.GetType().Name}.", nameof(value)),
    };

    private static Questionnaire.ItemComponent ToItem(QuestionnaireItemSource item)
    {
        var fhirItem = new Questionnaire.ItemComponent
        {
            LinkId = item.LinkId,
            Text = item.Text,
            Type = item.Type switch
            {
                QuestionType.Choice => Questionnaire.QuestionnaireItemType.Choice,
                QuestionType.Boolean => Questionnaire.QuestionnaireItemType.Boolean,
                QuestionType.Integer => Questionnaire.QuestionnaireItemType.Integer,
                QuestionType.Decimal => Questionnaire.QuestionnaireItemType.Decimal,
                QuestionType.String => Questionnaire.QuestionnaireItemType.String,
                QuestionType.Display => Questionnaire.QuestionnaireItemType.Display,
            },
            Required = item.Type == QuestionType.Display ? null : item.Required,
            AnswerOption = [.. item.AnswerOptions.Select(ToAnswerOption)],
            EnableWhen = [.. item.EnableWhen.Select(w => new Questionnaire.EnableWhenComponent
            {
                Question = w.QuestionLinkId,
                Operator = Questionnaire.QuestionnaireItemOperator.Equal,
                Answer = new FhirBoolean(w.AnswerBoolean),
            })],
            EnableBehavior = item.EnableWhen.Count > 1 ? Questionnaire.EnableWhenBehavior.All : null,
        };
        if (item.Code is { } code)
        {
            fhirItem.Code.Add(Code(code.System, code.Code, code.Display));
        }

        return fhirItem;
    }

    private static Questionnaire.AnswerOptionComponent ToAnswerOption(AnswerOptionSource option)
    {
        if (option.Code is not { } code)
        {
            return new Questionnaire.AnswerOptionComponent { Value = new Integer(option.Score) };
        }

        var coding = Code(code.System, code.Code, code.Display);
        coding.Extension.Add(new Extension(FhirConventions.Extensions.OrdinalValue, new FhirDecimal(option.Score)));
        return new Questionnaire.AnswerOptionComponent { Value = coding };
    }

    private static void CheckItems(IReadOnlyList<QuestionnaireItemSource> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            // que-2: linkIds are unique; enableWhen may only point at an earlier item.
            if (!seen.Add(item.LinkId))
            {
                throw new ArgumentException($"linkId '{item.LinkId}' is used twice.", nameof(items));
            }

            var bad = item.EnableWhen.FirstOrDefault(w => !seen.Contains(w.QuestionLinkId) || w.QuestionLinkId == item.LinkId);
            if (bad is not null)
            {
                throw new ArgumentException($"Item '{item.LinkId}' depends on '{bad.QuestionLinkId}', which is not an earlier item.", nameof(items));
            }

            var problem = item.Type switch
            {
                // que-3 / que-6: display items have no code, no answers, are never required.
                QuestionType.Display when item.Code is not null || item.AnswerOptions.Count > 0 || item.Required => "a display item has no code, answers or required flag",
                QuestionType.Choice when item.AnswerOptions.Count == 0 => "a choice item needs answer options",
                QuestionType.Choice when item.AnswerOptions.Any(o => o.Code is null) => "a choice item's options must be coded",
                QuestionType.Integer when item.AnswerOptions.Any(o => o.Code is not null) => "an integer item's options must be integers",
                QuestionType.Boolean or QuestionType.Decimal or QuestionType.String when item.AnswerOptions.Count > 0 => "only choice and integer items have answer options",
                QuestionType.Choice or QuestionType.Boolean or QuestionType.Integer or QuestionType.Decimal or QuestionType.String or QuestionType.Display => null,
            };
            if (problem is not null)
            {
                throw new ArgumentException($"Item '{item.LinkId}': {problem}.", nameof(items));
            }
        }
    }
}
