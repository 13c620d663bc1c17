using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Web.Features.Patients;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>A finding as shown and stored: rule id, level, message, who may act.</summary>
public sealed record FindingView(string Rule, Enforcement Level, string Message, ClinicalAuthority Authority)
{
    public static FindingView From(RuleFinding f) => new(f.Rule.Value, f.Level, f.Message, f.Authority);
}

public sealed record ReadingSummary(Guid Id, DateTimeOffset TakenAt, int? SystolicMmHg, int? DiastolicMmHg, int? HeartRatePerMin, int? Spo2Percent, bool? OnOxygen, int? RespiratoryRatePerMin);

public sealed record ScaleSummary(string InstrumentId, string Result, DateTimeOffset At, string Source);

public sealed record ConsentSummary(string ConsentType, string FormVersion, DateOnly SignedOn, string RecordedByName);

/// <summary>Everything the pre-check page shows for a session.</summary>
public sealed record PreInfusionView
{
    public required Guid SessionId { get; init; }
    public required Guid PatientId { get; init; }
    public required SessionPhase Phase { get; init; }
    public required string PatientName { get; init; }
    public required string Mrn { get; init; }
    public required SexAtBirth SexAtBirth { get; init; }
    public required DateOnly BornOn { get; init; }
    public required DateOnly SessionDate { get; init; }
    public decimal? WeightTodayKg { get; init; }
    public DateTimeOffset? WeightTodayAt { get; init; }
    public ReadingSummary? FirstReading { get; init; }
    public ReadingSummary? RepeatReading { get; init; }
    public string? EscortName { get; init; }
    public string? EscortPhone { get; init; }
    public DateTimeOffset? EscortConfirmedAt { get; init; }
    public ConsentSummary? Consent { get; init; }
    public ScaleSummary? Phq9 { get; init; }
    public ScaleSummary? Cssrs { get; init; }
    public bool PregnancyScreenApplies { get; init; }
    public DateOnly? PregnancyTestOn { get; init; }
    public bool? PregnancyTestPositive { get; init; }
    public string? NotOfReproductivePotentialReason { get; init; }
    public required PreInfusionOutcome Outcome { get; init; }
    public required IReadOnlyList<FindingView> Findings { get; init; }
    public required string ProtocolVersion { get; init; }
    public DateTimeOffset? SignedOffAt { get; init; }
    public string? SignedOffByName { get; init; }
    public string? SignOffNote { get; init; }
    public IReadOnlyList<string> SignedOffRules { get; init; } = [];

    /// <summary>True when the stored sign-off covers every WARN finding of the current evaluation.</summary>
    public bool SignOffCoversWarnings { get; init; }

    /// <summary>The gate lets the infusion start (Proceed, or SignOffRequired and signed off).</summary>
    public bool GatePassed => Outcome == PreInfusionOutcome.Proceed || (Outcome == PreInfusionOutcome.SignOffRequired && SignOffCoversWarnings);
}

/// <summary>The answer of a pre-check command. Closed hierarchy.</summary>
public abstract record PreCheckResult
{
    private PreCheckResult()
    {
    }

    public sealed record Done(PreInfusionView View) : PreCheckResult;

    public sealed record NotFound(string Message) : PreCheckResult;

    /// <summary>Wrong phase, or not this role.</summary>
    public sealed record NotAllowed(string Message) : PreCheckResult;

    /// <summary>The input is not valid (field, message).</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : PreCheckResult;

    public sealed record Conflict(string Message) : PreCheckResult;
}
