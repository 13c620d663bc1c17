using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Outcomes;

namespace KetamineClinic.Interop.Fhir.Serialization;

/// <summary>
/// Result of reading something inbound: either the value, or the reasons it was rejected as an OperationOutcome
/// (ready to return with HTTP 400/422). Expected failures of client input are values, not exceptions.
/// </summary>
public abstract record FhirParseResult<T>
{
    private FhirParseResult()
    {
    }

    /// <summary>The input was understood.</summary>
    public sealed record Parsed(T Value) : FhirParseResult<T>;

    /// <summary>The input was rejected; <see cref="Issues"/> say why (at least one error).</summary>
    public sealed record Rejected : FhirParseResult<T>
    {
        public Rejected(IReadOnlyList<FhirIssue> issues)
        {
            ArgumentNullException.ThrowIfNull(issues);
            Issues = issues.Count > 0 ? issues : throw new ArgumentException("A rejection needs at least one issue.", nameof(issues));
        }

        public IReadOnlyList<FhirIssue> Issues { get; }

        /// <summary>The issues as a FHIR OperationOutcome.</summary>
        public OperationOutcome ToOperationOutcome() => OperationOutcomes.From(Issues);
    }

    /// <summary>Shorthand for a rejection with one error.</summary>
    public static Rejected Error(FhirIssueType code, string diagnostics, params IReadOnlyList<string> expression) =>
        new([FhirIssue.Error(code, diagnostics, expression)]);
}
