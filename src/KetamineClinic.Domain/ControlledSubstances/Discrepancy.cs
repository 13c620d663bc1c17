using System.Runtime.InteropServices;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>A drug amount in both units the ledger keeps: whole µg and whole µL of vial solution.</summary>
/// <param name="Mass">Drug mass.</param>
/// <param name="Volume">Solution volume.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct LedgerAmount(DrugMass Mass, LiquidVolume Volume)
{
    /// <summary>Nothing.</summary>
    public static LedgerAmount Zero => default;

    /// <summary>Sum.</summary>
    public static LedgerAmount operator +(LedgerAmount a, LedgerAmount b) => new(a.Mass + b.Mass, a.Volume + b.Volume);

    /// <summary>Difference; throws when either unit would go negative.</summary>
    public static LedgerAmount operator -(LedgerAmount a, LedgerAmount b) => new(a.Mass - b.Mass, a.Volume - b.Volume);

    /// <summary>True when neither unit is smaller than in <paramref name="other"/>.</summary>
    public bool Covers(LedgerAmount other) => Mass >= other.Mass && Volume >= other.Volume;

    /// <summary>E.g. "450.0 mg / 4.50 mL".</summary>
    public override string ToString() => $"{Mass} / {Volume}";
}

/// <summary>What opened a DEA-04 investigation task.</summary>
public enum DiscrepancyKind
{
    /// <summary>An INVENTORY_COUNT differs from the ledger balance of the vial.</summary>
    InventoryCountMismatch,

    /// <summary>DRAW − ADMINISTER − WASTE ≠ 0 (mg or mL) for a dose event (DEA-02).</summary>
    DoseEventImbalance,
}

/// <summary>
/// DEA-04: an investigation task opened automatically for a discrepancy (clinical-spec §9). The investigator
/// classifies it; a theft or significant loss then has the reporting deadlines of <see cref="TheftLossReporting"/>.
/// </summary>
/// <param name="Version">Protocol version.</param>
/// <param name="Kind">What opened the task.</param>
/// <param name="DiscoveredAt">Instant the discrepancy was discovered (UTC).</param>
/// <param name="Vial">Vial concerned (inventory mismatch).</param>
/// <param name="Dose">Dose event concerned (dose imbalance).</param>
/// <param name="Expected">Ledger balance (mismatch) or amount drawn (imbalance).</param>
/// <param name="Found">Amount counted (mismatch) or amount administered + wasted (imbalance).</param>
/// <param name="Description">Plain-words summary with the numbers.</param>
public sealed record DiscrepancyTask(
    ProtocolVersion Version,
    DiscrepancyKind Kind,
    DateTimeOffset DiscoveredAt,
    VialId? Vial,
    DoseEventId? Dose,
    LedgerAmount Expected,
    LedgerAmount Found,
    string Description)
{
    /// <summary>DEA-04.</summary>
    public static RuleId Rule => ControlledSubstanceRules.Dea04;
}

/// <summary>What DEA must be told about a loss (DEA-04, 21 CFR 1301.76(b)).</summary>
public abstract record ReportingObligation
{
    private ReportingObligation(ProtocolVersion version, LossKind kind)
    {
        Version = version;
        Kind = kind;
    }

    /// <summary>Protocol version.</summary>
    public ProtocolVersion Version { get; }

    /// <summary>Classification of the loss.</summary>
    public LossKind Kind { get; }

    /// <summary>A loss judged not significant: recorded, not reported.</summary>
    /// <param name="Version">Protocol version.</param>
    /// <param name="Kind">Always <see cref="LossKind.LossNotSignificant"/>.</param>
    public sealed record NotRequired(ProtocolVersion Version, LossKind Kind) : ReportingObligation(Version, Kind);

    /// <summary>Theft or significant loss: written notice and DEA Form 106 with their due dates.</summary>
    /// <param name="Version">Protocol version.</param>
    /// <param name="Kind">Theft or significant loss.</param>
    /// <param name="DiscoveredOn">Discovery date in the registrant's time zone.</param>
    /// <param name="WrittenNoticeDueOn">Written notice to the DEA Field Division due by the end of this (business) day.</param>
    /// <param name="Form106DueOn">DEA Form 106 due by this calendar day (never moved).</param>
    public sealed record Required(
        ProtocolVersion Version,
        LossKind Kind,
        DateOnly DiscoveredOn,
        DateOnly WrittenNoticeDueOn,
        DateOnly Form106DueOn)
        : ReportingObligation(Version, Kind)
    {
        /// <summary>Dashboard reminder state on <paramref name="today"/> (registrant local date).</summary>
        public ReportingStatus StatusOn(DateOnly today) => new(
            today > WrittenNoticeDueOn,
            today > Form106DueOn,
            Form106DueOn.DayNumber - today.DayNumber);
    }
}

/// <summary>Dashboard reminder state of a required report.</summary>
/// <param name="WrittenNoticeOverdue">The written-notice day has ended without a notice.</param>
/// <param name="Form106Overdue">The Form 106 day has ended.</param>
/// <param name="DaysUntilForm106Due">Calendar days left until the Form 106 due date (negative when overdue).</param>
public sealed record ReportingStatus(bool WrittenNoticeOverdue, bool Form106Overdue, int DaysUntilForm106Due);

/// <summary>DEA-04 reporting deadlines for a theft or significant loss (clinical-spec §9; 21 CFR 1301.76(b); 88 FR 40707).</summary>
public static class TheftLossReporting
{
    /// <summary>DEA Form 106 is due this many calendar days after discovery (not moved for weekends or holidays).</summary>
    public const int Form106CalendarDays = 45;

    /// <summary>
    /// DEA-04: written notice due = end of the next business day after the discovery date (Mon–Fri, not a US
    /// federal holiday); Form 106 due = discovery date + 45 calendar days, never moved.
    /// </summary>
    /// <param name="kind">Theft, significant loss, or loss not significant.</param>
    /// <param name="discoveredOn">Discovery date in the registrant's local time zone.</param>
    /// <param name="protocol">Protocol (version recorded).</param>
    public static ReportingObligation For(LossKind kind, DateOnly discoveredOn, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return kind switch
        {
            LossKind.Theft or LossKind.SignificantLoss => new ReportingObligation.Required(
                protocol.Version,
                kind,
                discoveredOn,
                WrittenNoticeDueOn(discoveredOn),
                Form106DueOn(discoveredOn)),
            LossKind.LossNotSignificant => new ReportingObligation.NotRequired(protocol.Version, kind),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss kind."),
        };
    }

    /// <summary>As <see cref="For(LossKind, DateOnly, ClinicProtocol)"/>, taking the discovery instant in the registrant's time zone.</summary>
    public static ReportingObligation For(LossKind kind, DateTimeOffset discoveredAt, TimeZoneInfo registrantTimeZone, ClinicProtocol protocol) =>
        For(kind, LocalDate(discoveredAt, registrantTimeZone), protocol);

    /// <summary>DEA-04: end of the next business day after the discovery date.</summary>
    public static DateOnly WrittenNoticeDueOn(DateOnly discoveredOn) => UsFederalHolidays.NextBusinessDayAfter(discoveredOn);

    /// <summary>DEA-04: discovery date + 45 calendar days (no roll-over).</summary>
    public static DateOnly Form106DueOn(DateOnly discoveredOn) => discoveredOn.AddDays(Form106CalendarDays);

    /// <summary>The calendar date of <paramref name="instant"/> in <paramref name="zone"/> (DEA-04: the registrant's local time zone).</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
