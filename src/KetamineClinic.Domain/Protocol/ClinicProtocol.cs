namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// The clinic's protocol as data: every [C] default of clinical-spec.md, versioned. Each capability owns a
/// section record (its thresholds, minutes, cut-offs) whose <c>Default</c> holds the spec's default. Every
/// rule reads its numbers from here and every decision records <see cref="Version"/>.
/// The medical director signs off a version before go-live (clinical-spec §0).
/// </summary>
public sealed record ClinicProtocol
{
    /// <summary>The protocol shipped with the platform: the defaults of clinical-spec v0.2.</summary>
    public static ClinicProtocol Default { get; } = new();

    /// <summary>Version label recorded on every decision.</summary>
    public ProtocolVersion Version { get; init; } = new("spec-0.2-defaults");

    /// <summary>Who signed this version off; null for the unsigned shipped defaults.</summary>
    public string? SignedOffBy { get; init; }

    // Sections: one line per capability, each defaulting to the spec's values.
    // (sections are added below)
    public EligibilityProtocol Eligibility { get; init; } = EligibilityProtocol.Default;
    public DosingProtocol Dosing { get; init; } = DosingProtocol.Default;
    public SchedulingProtocol Scheduling { get; init; } = SchedulingProtocol.Default;
    public OutcomesProtocol Outcomes { get; init; } = OutcomesProtocol.Default;
    public ControlledSubstancesProtocol ControlledSubstances { get; init; } = ControlledSubstancesProtocol.Default;
    public InstrumentsProtocol Instruments { get; init; } = InstrumentsProtocol.Default;
    public VitalsProtocol Vitals { get; init; } = VitalsProtocol.Default;
    public DischargeProtocol Discharge { get; init; } = DischargeProtocol.Default;
    public InfusionDayProtocol InfusionDay { get; init; } = InfusionDayProtocol.Default;
}
