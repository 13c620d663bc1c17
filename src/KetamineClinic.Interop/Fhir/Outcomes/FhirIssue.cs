using Hl7.Fhir.Model;

namespace KetamineClinic.Interop.Fhir.Outcomes;

/// <summary>OperationOutcome.issue.severity.</summary>
public enum FhirIssueSeverity
{
    Fatal,
    Error,
    Warning,
    Information,
}

/// <summary>OperationOutcome.issue.code: the R4 codes an API returns.</summary>
public enum FhirIssueType
{
    Invalid,
    Structure,
    Required,
    Value,
    Invariant,
    Security,
    Login,
    Forbidden,
    Processing,
    NotSupported,
    Duplicate,
    NotFound,
    Deleted,
    TooLong,
    CodeInvalid,
    BusinessRule,
    Conflict,
    Exception,
    Timeout,
    Throttled,
    Informational,
}

/// <summary>One issue for an OperationOutcome: severity, code, human-readable diagnostics, FHIRPath expression(s).</summary>
public sealed record FhirIssue
{
    public FhirIssue(FhirIssueSeverity severity, FhirIssueType code, string diagnostics, params IReadOnlyList<string> expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(diagnostics);
        Severity = severity;
        Code = code;
        Diagnostics = diagnostics;
        Expression = expression;
    }

    public FhirIssueSeverity Severity { get; }
    public FhirIssueType Code { get; }
    public string Diagnostics { get; }
    public IReadOnlyList<string> Expression { get; }

    /// <summary>An error issue.</summary>
    public static FhirIssue Error(FhirIssueType code, string diagnostics, params IReadOnlyList<string> expression) =>
        new(FhirIssueSeverity.Error, code, diagnostics, expression);
}

/// <summary>Builds OperationOutcome resources (FHIR errors) from issues.</summary>
public static class OperationOutcomes
{
    /// <summary>An OperationOutcome with the given issues (at least one).</summary>
    public static OperationOutcome From(IEnumerable<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome { Issue = [.. issues.Select(ToFhir)] };
        return outcome.Issue.Count > 0 ? outcome : throw new ArgumentException("An OperationOutcome needs at least one issue.", nameof(issues));
    }

    /// <summary>An OperationOutcome with one issue.</summary>
    public static OperationOutcome From(FhirIssue issue) => From([issue]);

    /// <summary>An OperationOutcome with one error issue.</summary>
    public static OperationOutcome Error(FhirIssueType code, string diagnostics, params IReadOnlyList<string> expression) =>
        From(FhirIssue.Error(code, diagnostics, expression));

    /// <summary>The "all OK" outcome (one information issue), e.g. for $validate without findings.</summary>
    public static OperationOutcome AllOk(string diagnostics = "All OK") =>
        From(new FhirIssue(FhirIssueSeverity.Information, FhirIssueType.Informational, diagnostics));

    /// <summary>True when the outcome has an error or fatal issue.</summary>
    public static bool HasErrors(OperationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Issue.Exists(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
    }

    /// <summary>The issues of an outcome, read back (e.g. to log or to turn into ProblemDetails).</summary>
    public static IReadOnlyList<FhirIssue> Issues(OperationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return [.. outcome.Issue.Select(i => new FhirIssue(
            FromFhir(i.Severity),
            FromFhir(i.Code),
            i.Diagnostics ?? i.Details?.Text ?? "(no diagnostics)",
            [.. i.Expression.OfType<string>()]))];
    }

    private static OperationOutcome.IssueComponent ToFhir(FhirIssue issue) => new()
    {
        Severity = issue.Severity switch
        {
            FhirIssueSeverity.Fatal => OperationOutcome.IssueSeverity.Fatal,
            FhirIssueSeverity.Error => OperationOutcome.IssueSeverity.Error,
            FhirIssueSeverity.Warning => OperationOutcome.IssueSeverity.Warning,
            FhirIssueSeverity.Information => OperationOutcome.IssueSeverity.Information,
        },
        Code = issue.Code switch
        {
            FhirIssueType.Invalid => OperationOutcome.IssueType.Invalid,
            FhirIssueType.Structure => OperationOutcome.IssueType.Structure,
            FhirIssueType.Required => OperationOutcome.IssueType.Required,
            FhirIssueType.Value => OperationOutcome.IssueType.Value,
            FhirIssueType.Invariant => OperationOutcome.IssueType.Invariant,
            FhirIssueType.Security => OperationOutcome.IssueType.Security,
            FhirIssueType.Login => OperationOutcome.IssueType.Login,
            FhirIssueType.Forbidden => OperationOutcome.IssueType.Forbidden,
            FhirIssueType.Processing => OperationOutcome.IssueType.Processing,
            FhirIssueType.NotSupported => OperationOutcome.IssueType.NotSupported,
            FhirIssueType.Duplicate => OperationOutcome.IssueType.Duplicate,
            FhirIssueType.NotFound => OperationOutcome.IssueType.NotFound,
            FhirIssueType.Deleted => OperationOutcome.IssueType.Deleted,
            FhirIssueType.TooLong => OperationOutcome.IssueType.TooLong,
            FhirIssueType.CodeInvalid => OperationOutcome.IssueType.CodeInvalid,
            FhirIssueType.BusinessRule => OperationOutcome.IssueType.BusinessRule,
            FhirIssueType.Conflict => OperationOutcome.IssueType.Conflict,
            FhirIssueType.Exception => OperationOutcome.IssueType.Exception,
            FhirIssueType.Timeout => OperationOutcome.IssueType.Timeout,
            FhirIssueType.Throttled => OperationOutcome.IssueType.Throttled,
            FhirIssueType.Informational => OperationOutcome.IssueType.Informational,
        },
        Diagnostics = issue.Diagnostics,
        Expression = [.. issue.Expression],
    };

    private static FhirIssueSeverity FromFhir(OperationOutcome.IssueSeverity? severity) => severity switch
    {
        OperationOutcome.IssueSeverity.Fatal => FhirIssueSeverity.Fatal,
        OperationOutcome.IssueSeverity.Error or null => FhirIssueSeverity.Error,
        OperationOutcome.IssueSeverity.Warning => FhirIssueSeverity.Warning,
        OperationOutcome.IssueSeverity.Information => FhirIssueSeverity.Information,
        _ => FhirIssueSeverity.Information, // Firely's shared enum also has R5's "success"
    };

    // Codes outside the API subset collapse onto their parent category.
    private static FhirIssueType FromFhir(OperationOutcome.IssueType? code) => code switch
    {
        OperationOutcome.IssueType.Invalid => FhirIssueType.Invalid,
        OperationOutcome.IssueType.Structure => FhirIssueType.Structure,
        OperationOutcome.IssueType.Required => FhirIssueType.Required,
        OperationOutcome.IssueType.Value => FhirIssueType.Value,
        OperationOutcome.IssueType.Invariant => FhirIssueType.Invariant,
        OperationOutcome.IssueType.Security => FhirIssueType.Security,
        OperationOutcome.IssueType.Login or OperationOutcome.IssueType.Unknown or OperationOutcome.IssueType.Expired => FhirIssueType.Login,
        OperationOutcome.IssueType.Forbidden or OperationOutcome.IssueType.Suppressed => FhirIssueType.Forbidden,
        OperationOutcome.IssueType.Processing or OperationOutcome.IssueType.Extension or OperationOutcome.IssueType.Incomplete
            or OperationOutcome.IssueType.MultipleMatches or OperationOutcome.IssueType.TooCostly or OperationOutcome.IssueType.LockError
            or OperationOutcome.IssueType.NoStore or OperationOutcome.IssueType.Transient => FhirIssueType.Processing,
        OperationOutcome.IssueType.NotSupported => FhirIssueType.NotSupported,
        OperationOutcome.IssueType.Duplicate => FhirIssueType.Duplicate,
        OperationOutcome.IssueType.NotFound => FhirIssueType.NotFound,
        OperationOutcome.IssueType.Deleted => FhirIssueType.Deleted,
        OperationOutcome.IssueType.TooLong => FhirIssueType.TooLong,
        OperationOutcome.IssueType.CodeInvalid => FhirIssueType.CodeInvalid,
        OperationOutcome.IssueType.BusinessRule => FhirIssueType.BusinessRule,
        OperationOutcome.IssueType.Conflict => FhirIssueType.Conflict,
        OperationOutcome.IssueType.Exception or null => FhirIssueType.Exception,
        OperationOutcome.IssueType.Timeout => FhirIssueType.Timeout,
        OperationOutcome.IssueType.Throttled => FhirIssueType.Throttled,
        OperationOutcome.IssueType.Informational => FhirIssueType.Informational,
        _ => FhirIssueType.Processing, // Firely's shared enum also has later versions' codes
    };
}
