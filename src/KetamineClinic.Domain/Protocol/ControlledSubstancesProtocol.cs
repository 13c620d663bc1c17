namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// Controlled-substance policy (clinical-spec §9, DEA-03, DEA-05, DEA-06). <see cref="Default"/> holds the spec's
/// defaults; federal minimums are enforced by validation.
/// </summary>
public sealed record ControlledSubstancesProtocol
{
    /// <summary>DEA-06 federal minimum: records kept at least 2 years (21 CFR 1304.04(a)).</summary>
    public const int MinimumRetentionYears = 2;

    private readonly int retentionYears = 7;
    private readonly int biennialInventoryReminderDays = 60;

    /// <summary>The spec's defaults: witness required, 7-year retention, reminder 60 days before the biennial inventory.</summary>
    public static ControlledSubstancesProtocol Default { get; } = new();

    /// <summary>
    /// DEA-03 [C]: a WASTE needs a second authenticated user as witness, different from the administering user.
    /// Default true (§11 "Waste witness: required by system"). When false a witness is optional, but one who is
    /// recorded must still be a different user.
    /// </summary>
    public bool WasteWitnessRequired { get; init; } = true;

    /// <summary>
    /// DEA-06: years a ledger record is retained before it may be purged. Default 7 [C] (medical-record rules);
    /// at least 2 (21 CFR 1304.04(a)); at most 100.
    /// </summary>
    public int RetentionYears
    {
        get => retentionYears;
        init => retentionYears = value is >= MinimumRetentionYears and <= 100
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Retention must be 2–100 years (21 CFR 1304.04(a) minimum is 2).");
    }

    /// <summary>DEA-05 [C]: days before the biennial-inventory due date from which the reminder shows. Default 60; 1–365.</summary>
    public int BiennialInventoryReminderDays
    {
        get => biennialInventoryReminderDays;
        init => biennialInventoryReminderDays = value is >= 1 and <= 365
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The biennial-inventory reminder must start 1–365 days before the due date.");
    }
}
