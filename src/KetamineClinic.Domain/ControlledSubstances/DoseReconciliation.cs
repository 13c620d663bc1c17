using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>Totals of one dose event, in mg and in mL of vial solution.</summary>
/// <param name="Drawn">Sum of DRAW.</param>
/// <param name="Administered">Sum of ADMINISTER.</param>
/// <param name="Wasted">Sum of WASTE.</param>
public sealed record DoseTotals(LedgerAmount Drawn, LedgerAmount Administered, LedgerAmount Wasted)
{
    /// <summary>DRAW − ADMINISTER − WASTE in µg (positive: drug unaccounted for; negative: more given than drawn).</summary>
    public long UnaccountedMicrograms =>
        Drawn.Mass.Micrograms - Administered.Mass.Micrograms - Wasted.Mass.Micrograms;

    /// <summary>DRAW − ADMINISTER − WASTE in µL.</summary>
    public long UnaccountedMicrolitres =>
        Drawn.Volume.Microlitres - Administered.Volume.Microlitres - Wasted.Volume.Microlitres;

    /// <summary>DEA-02: balanced in mg and in mL.</summary>
    public bool IsBalanced => UnaccountedMicrograms == 0 && UnaccountedMicrolitres == 0;
}

/// <summary>Whether a session may close as far as its dose event's ledger is concerned (DEA-02, DEA-03).</summary>
public abstract record DoseEventReconciliation
{
    private DoseEventReconciliation(ProtocolVersion version, DoseEventId dose, DoseTotals totals)
    {
        Version = version;
        Dose = dose;
        Totals = totals;
    }

    /// <summary>Protocol version.</summary>
    public ProtocolVersion Version { get; }

    /// <summary>Dose event.</summary>
    public DoseEventId Dose { get; }

    /// <summary>Totals.</summary>
    public DoseTotals Totals { get; }

    /// <summary>DRAW = ADMINISTER + WASTE in mg and mL, every waste properly witnessed: the session may close.</summary>
    /// <param name="Version">Protocol version.</param>
    /// <param name="Dose">Dose event.</param>
    /// <param name="Totals">Totals.</param>
    public sealed record Balanced(ProtocolVersion Version, DoseEventId Dose, DoseTotals Totals)
        : DoseEventReconciliation(Version, Dose, Totals);

    /// <summary>BLOCK: the session cannot close.</summary>
    /// <param name="Version">Protocol version.</param>
    /// <param name="Dose">Dose event.</param>
    /// <param name="Totals">Totals.</param>
    /// <param name="Findings">DEA-02 and/or DEA-03 BLOCK findings.</param>
    /// <param name="OpenedTask">The DEA-04 task opened automatically for an imbalance; null for a witness-only block.</param>
    public sealed record Blocked(
        ProtocolVersion Version,
        DoseEventId Dose,
        DoseTotals Totals,
        IReadOnlyList<RuleFinding> Findings,
        DiscrepancyTask? OpenedTask)
        : DoseEventReconciliation(Version, Dose, Totals);
}

/// <summary>DEA-02 and DEA-03 at session close (clinical-spec §9).</summary>
public static class DoseReconciliation
{
    private static readonly string[] RecordSources = ["S73", "S75"];
    private static readonly string[] WitnessSources = ["S76", "C"];

    /// <summary>
    /// DEA-02 BLOCK: for the dose event, DRAW − ADMINISTER − WASTE must be 0 in mg and in mL, otherwise the session
    /// cannot close and a DEA-04 discrepancy task is opened. DEA-03 BLOCK: every WASTE needs a witness who differs
    /// from the user wasting and from every administering user. A dose with no ledger events balances (0 = 0).
    /// </summary>
    /// <param name="dose">Dose event to reconcile.</param>
    /// <param name="events">Ledger events (those of other doses are ignored).</param>
    /// <param name="attemptedAt">Instant of the close attempt; the discovery instant of any DEA-04 task.</param>
    /// <param name="protocol">Protocol (witness policy; version recorded).</param>
    public static DoseEventReconciliation Reconcile(DoseEventId dose, IEnumerable<LedgerEvent> events, DateTimeOffset attemptedAt, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(protocol);
        var draws = new List<LedgerEvent.Draw>();
        var administrations = new List<LedgerEvent.Administer>();
        var wastes = new List<LedgerEvent.Waste>();
        foreach (var e in events)
        {
            switch (e)
            {
                case LedgerEvent.Draw d when d.Dose == dose:
                    draws.Add(d);
                    break;
                case LedgerEvent.Administer a when a.Dose == dose:
                    administrations.Add(a);
                    break;
                case LedgerEvent.Waste w when w.Dose == dose:
                    wastes.Add(w);
                    break;
                default:
                    break;
            }
        }
        var totals = new DoseTotals(
            Sum(draws.Select(d => (d.Mass, d.Volume))),
            Sum(administrations.Select(a => (a.Mass, a.Volume))),
            Sum(wastes.Select(w => (w.Mass, w.Volume))));

        var findings = new List<RuleFinding>();
        DiscrepancyTask? task = null;
        if (!totals.IsBalanced)
        {
            var message = Text(
                $"Dose {dose}: drawn {totals.Drawn}, administered {totals.Administered}, wasted {totals.Wasted}; DRAW − ADMINISTER − WASTE = {Signed(totals.UnaccountedMicrograms, 1000m, "mg", "0.0##")} / {Signed(totals.UnaccountedMicrolitres, 1000m, "mL", "0.00#")}, not 0. The session cannot close; a discrepancy investigation (DEA-04) is open.");
            findings.Add(new RuleFinding(ControlledSubstanceRules.Dea02, Enforcement.Block, message, RecordSources));
            task = new DiscrepancyTask(
                protocol.Version,
                DiscrepancyKind.DoseEventImbalance,
                attemptedAt,
                null,
                dose,
                totals.Drawn,
                totals.Administered + totals.Wasted,
                message);
        }
        var administeringUsers = administrations.Select(a => a.RecordedBy).ToHashSet();
        findings.AddRange(wastes
            .SelectMany(w => ControlledSubstanceLedger.WitnessViolations(w, administeringUsers, protocol))
            .Select(v => new RuleFinding(v.Rule, Enforcement.Block, v.Message, WitnessSources)));

        return findings.Count == 0
            ? new DoseEventReconciliation.Balanced(protocol.Version, dose, totals)
            : new DoseEventReconciliation.Blocked(protocol.Version, dose, totals, findings.AsReadOnly(), task);
    }

    private static LedgerAmount Sum(IEnumerable<(DrugMass Mass, LiquidVolume Volume)> amounts) =>
        amounts.Aggregate(LedgerAmount.Zero, (sum, a) => sum + new LedgerAmount(a.Mass, a.Volume));

    private static string Signed(long units, decimal perUnit, string unit, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{(units / perUnit).ToString(format, CultureInfo.InvariantCulture)} {unit}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
