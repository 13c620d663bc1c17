using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>Which inventory (21 CFR 1304.11).</summary>
public enum InventoryKind
{
    /// <summary>Taken on the date the registrant first handles controlled substances; may be zero.</summary>
    Initial,

    /// <summary>A full inventory at least every two years.</summary>
    Biennial,
}

/// <summary>When in the day the inventory was taken (21 CFR 1304.11 requires it to be stated).</summary>
public enum InventoryTiming
{
    /// <summary>Taken at the opening of business.</summary>
    OpeningOfBusiness,

    /// <summary>Taken at the close of business.</summary>
    CloseOfBusiness,
}

/// <summary>One product line of an inventory (21 CFR 1304.11: name, form, strength, units/volume, number of containers).</summary>
public sealed record InventoryLine
{
    /// <summary>Creates a line; names must be non-blank, volume greater than zero, containers 0 or more.</summary>
    public InventoryLine(Ndc ndc, string drugName, string dosageForm, VialConcentration strength,
        LiquidVolume volumePerContainer, int containers, bool estimated)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drugName);
        ArgumentException.ThrowIfNullOrWhiteSpace(dosageForm);
        ArgumentOutOfRangeException.ThrowIfLessThan(volumePerContainer.Microlitres, 1, nameof(volumePerContainer));
        ArgumentOutOfRangeException.ThrowIfNegative(containers);
        Ndc = ndc.Value is null ? throw new ArgumentException("An inventory line needs an NDC.", nameof(ndc)) : ndc;
        DrugName = drugName;
        DosageForm = dosageForm;
        Strength = strength;
        VolumePerContainer = volumePerContainer;
        Containers = containers;
        Estimated = estimated;
    }

    /// <summary>NDC.</summary>
    public Ndc Ndc { get; }

    /// <summary>Drug name (e.g. "ketamine hydrochloride injection").</summary>
    public string DrugName { get; }

    /// <summary>Finished form (e.g. "solution, multi-dose vial").</summary>
    public string DosageForm { get; }

    /// <summary>Strength.</summary>
    public VialConcentration Strength { get; }

    /// <summary>Volume per container (e.g. 5 mL; estimated for an opened vial).</summary>
    public LiquidVolume VolumePerContainer { get; }

    /// <summary>Number of containers (0 or more).</summary>
    public int Containers { get; }

    /// <summary>True for an estimated count (CIII solutions may be estimated unless state rules require exact counts).</summary>
    public bool Estimated { get; }
}

/// <summary>An initial or biennial inventory. An inventory with no lines is a zero inventory (allowed, 21 CFR 1304.11).</summary>
public sealed record InventoryRecord
{
    /// <summary>Creates an inventory record.</summary>
    public InventoryRecord(InventoryKind kind, DateOnly takenOn, InventoryTiming timing, LedgerUserId takenBy, IEnumerable<InventoryLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Kind = Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown inventory kind.");
        Timing = Enum.IsDefined(timing) ? timing : throw new ArgumentOutOfRangeException(nameof(timing), timing, "Unknown inventory timing.");
        TakenBy = takenBy.Value is null ? throw new ArgumentException("An inventory needs the user who took it.", nameof(takenBy)) : takenBy;
        TakenOn = takenOn;
        Lines = lines.Select(l => l ?? throw new ArgumentException("An inventory line is missing.", nameof(lines))).ToList().AsReadOnly();
    }

    /// <summary>Initial or biennial.</summary>
    public InventoryKind Kind { get; }

    /// <summary>Date taken.</summary>
    public DateOnly TakenOn { get; }

    /// <summary>Opening or close of business.</summary>
    public InventoryTiming Timing { get; }

    /// <summary>User who took it.</summary>
    public LedgerUserId TakenBy { get; }

    /// <summary>Lines; empty for a zero inventory.</summary>
    public IReadOnlyList<InventoryLine> Lines { get; }

    /// <summary>True when no stock was on hand.</summary>
    public bool IsZeroInventory => Lines.All(l => l.Containers == 0);
}

/// <summary>Where the biennial inventory stands on a date.</summary>
public enum BiennialInventoryState
{
    /// <summary>Not due and before the reminder window.</summary>
    NotYetDue,

    /// <summary>Inside the reminder window (due soon), not yet overdue.</summary>
    ReminderActive,

    /// <summary>The due date has passed.</summary>
    Overdue,
}

/// <summary>DEA-05 result.</summary>
/// <param name="Version">Protocol version (reminder days).</param>
/// <param name="LastInventoryOn">Date of the last (initial or biennial) inventory.</param>
/// <param name="DueOn">The next inventory is due on or before this date.</param>
/// <param name="ReminderFrom">First day the dashboard reminder shows.</param>
/// <param name="State">State on the evaluated date.</param>
public sealed record BiennialInventoryStatus(
    ProtocolVersion Version,
    DateOnly LastInventoryOn,
    DateOnly DueOn,
    DateOnly ReminderFrom,
    BiennialInventoryState State)
{
    /// <summary>DEA-05.</summary>
    public static RuleId Rule => ControlledSubstanceRules.Dea05;
}

/// <summary>DEA-05: biennial-inventory due date and reminder (clinical-spec §9; 21 CFR 1304.11).</summary>
public static class BiennialInventory
{
    /// <summary>
    /// DEA-05: the next inventory is due on or before the last inventory date + 2 years; a last inventory on
    /// 29 February is next due on 28 February.
    /// </summary>
    public static DateOnly DueOn(DateOnly lastInventoryOn) => lastInventoryOn.AddYears(2); // AddYears maps 29 Feb to 28 Feb.

    /// <summary>DEA-05: status on <paramref name="today"/>; the reminder shows from <c>BiennialInventoryReminderDays</c> (default 60) before the due date.</summary>
    public static BiennialInventoryStatus Evaluate(DateOnly lastInventoryOn, DateOnly today, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (today < lastInventoryOn)
        {
            throw new ArgumentException("The evaluation date cannot precede the last inventory.", nameof(today));
        }
        var due = DueOn(lastInventoryOn);
        var reminderFrom = due.AddDays(-protocol.ControlledSubstances.BiennialInventoryReminderDays);
        var state = today > due
            ? BiennialInventoryState.Overdue
            : today >= reminderFrom ? BiennialInventoryState.ReminderActive : BiennialInventoryState.NotYetDue;
        return new BiennialInventoryStatus(protocol.Version, lastInventoryOn, due, reminderFrom, state);
    }

    /// <summary>DEA-05 status from the most recent of <paramref name="inventories"/>; null when none was ever taken (an initial inventory is required first).</summary>
    public static BiennialInventoryStatus? Evaluate(IEnumerable<InventoryRecord> inventories, DateOnly today, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(inventories);
        var last = inventories.Select(i => (DateOnly?)i.TakenOn).Max();
        return last is { } l ? Evaluate(l, today, protocol) : null;
    }
}

/// <summary>DEA-06 result.</summary>
/// <param name="Version">Protocol version (retention years).</param>
/// <param name="RecordedOn">Date of the record.</param>
/// <param name="EarliestPurgeOn">First date the record may be purged.</param>
/// <param name="MayPurge">True when the record may be purged on the evaluated date.</param>
/// <param name="Reason">Plain-words reason.</param>
public sealed record RetentionDecision(ProtocolVersion Version, DateOnly RecordedOn, DateOnly EarliestPurgeOn, bool MayPurge, string Reason)
{
    /// <summary>DEA-06.</summary>
    public static RuleId Rule => ControlledSubstanceRules.Dea06;
}

/// <summary>DEA-06: record retention (clinical-spec §9; 21 CFR 1304.04(a): at least 2 years; default 7 [C]).</summary>
public static class RecordRetention
{
    /// <summary>
    /// The first date a record dated <paramref name="recordedOn"/> may be purged: the day after its N-th anniversary
    /// (the record's time of day is unknown, so only then have N full years surely passed). A 29 February record's
    /// anniversary in a common year is 1 March, never 28 February.
    /// </summary>
    public static DateOnly EarliestPurgeOn(DateOnly recordedOn, int retentionYears)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionYears, ControlledSubstancesProtocol.MinimumRetentionYears);
        var anniversary = recordedOn.AddYears(retentionYears);
        if (recordedOn.Month == 2 && recordedOn.Day == 29 && anniversary.Day == 28)
        {
            anniversary = anniversary.AddDays(1);
        }
        return anniversary.AddDays(1);
    }

    /// <summary>DEA-06: may a record dated <paramref name="recordedOn"/> be purged on <paramref name="asOf"/>? Never while on hold (open investigation, inspection, litigation).</summary>
    public static RetentionDecision Evaluate(DateOnly recordedOn, DateOnly asOf, bool onHold, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var years = protocol.ControlledSubstances.RetentionYears;
        var earliest = EarliestPurgeOn(recordedOn, years);
        if (onHold)
        {
            return new RetentionDecision(protocol.Version, recordedOn, earliest, false, "The record is on hold (investigation, inspection or litigation).");
        }
        return asOf >= earliest
            ? new RetentionDecision(protocol.Version, recordedOn, earliest, true, string.Create(CultureInfo.InvariantCulture, $"Retained for the full {years} years."))
            : new RetentionDecision(protocol.Version, recordedOn, earliest, false, string.Create(CultureInfo.InvariantCulture, $"Must be retained {years} years, until {earliest:yyyy-MM-dd}."));
    }
}
