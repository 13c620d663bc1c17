using System.Collections.Immutable;
using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>Running balance of one vial (DEA-02).</summary>
/// <param name="Label">The vial's label.</param>
/// <param name="Concentration">Concentration of its solution.</param>
/// <param name="Received">What was received (its capacity in the ledger).</param>
/// <param name="Balance">What the ledger says is in it now; never negative.</param>
public sealed record VialBalance(VialLabel Label, VialConcentration Concentration, LedgerAmount Received, LedgerAmount Balance)
{
    /// <summary>The vial id.</summary>
    public VialId Vial => Label.Vial;
}

/// <summary>Stock of one product (NDC and strength) summed over its vials.</summary>
/// <param name="Ndc">NDC (11-digit form).</param>
/// <param name="Strength">Concentration.</param>
/// <param name="Vials">Vials on the ledger for this product.</param>
/// <param name="VialsWithStock">Vials whose balance is not zero.</param>
/// <param name="Balance">Sum of the vial balances.</param>
public sealed record StockBalance(Ndc Ndc, VialConcentration Strength, int Vials, int VialsWithStock, LedgerAmount Balance);

/// <summary>Is a ledger problem an input error or a gate?</summary>
public enum LedgerViolationKind
{
    /// <summary>Validation error: the input is returned for correction (clinical-spec §0).</summary>
    InvalidInput,

    /// <summary>BLOCK: cannot proceed; clears only when the data change (e.g. a witness signs).</summary>
    Block,
}

/// <summary>Why an event was rejected, with the rule id and the numbers.</summary>
/// <param name="Rule">Rule id (DEA-01, DEA-02, DEA-03).</param>
/// <param name="Kind">Validation error or BLOCK.</param>
/// <param name="Message">Plain words naming the vial, dose and amounts.</param>
public sealed record LedgerViolation(RuleId Rule, LedgerViolationKind Kind, string Message);

/// <summary>The result of appending one event.</summary>
public abstract record LedgerAppendResult
{
    private LedgerAppendResult(LedgerEvent @event) => Event = @event;

    /// <summary>The event offered.</summary>
    public LedgerEvent Event { get; }

    /// <summary>Appended.</summary>
    /// <param name="Ledger">The ledger with the event.</param>
    /// <param name="Event">The event.</param>
    /// <param name="OpenedTasks">DEA-04 tasks opened by it (an inventory count that differs from the balance).</param>
    /// <param name="Reporting">For LOSS_REPORTED: what DEA must be told and when (DEA-04).</param>
    public sealed record Accepted(
        ControlledSubstanceLedger Ledger,
        LedgerEvent Event,
        IReadOnlyList<DiscrepancyTask> OpenedTasks,
        ReportingObligation? Reporting)
        : LedgerAppendResult(Event);

    /// <summary>Not appended; the ledger is unchanged.</summary>
    /// <param name="Event">The event.</param>
    /// <param name="Violations">Why.</param>
    public sealed record Rejected(LedgerEvent Event, IReadOnlyList<LedgerViolation> Violations) : LedgerAppendResult(Event);
}

/// <summary>The result of replaying stored events.</summary>
/// <param name="Ledger">Ledger of the accepted events.</param>
/// <param name="Rejections">Events that would have broken an invariant (none for a healthy store).</param>
/// <param name="OpenedTasks">DEA-04 tasks the events opened.</param>
public sealed record LedgerReplay(
    ControlledSubstanceLedger Ledger,
    IReadOnlyList<LedgerAppendResult.Rejected> Rejections,
    IReadOnlyList<DiscrepancyTask> OpenedTasks);

/// <summary>
/// DEA-01 / DEA-02: the append-only controlled-substance ledger as a fold over its events (clinical-spec §9).
/// Immutable: <see cref="Append"/> returns a new ledger or a rejection; there is no edit or delete. The per-vial
/// balance (mg and mL) can never go negative: an event that would make it negative is rejected.
/// Effects on the vial: RECEIPT adds; DRAW, RETURN, DISPOSE, LOSS_REPORTED and ADJUSTMENT (decrease) take away;
/// ADJUSTMENT (increase) adds back up to what was received; ADMINISTER and WASTE act on the drawn syringe of a dose
/// event, not on the vial; INVENTORY_COUNT changes nothing and opens a DEA-04 task when it differs.
/// </summary>
public sealed class ControlledSubstanceLedger
{
    private readonly ImmutableList<LedgerEvent> events;
    private readonly ImmutableHashSet<LedgerEventId> eventIds;
    private readonly ImmutableDictionary<VialId, VialBalance> vials;
    private readonly ImmutableDictionary<DoseEventId, DoseState> doses;

    private ControlledSubstanceLedger(
        ImmutableList<LedgerEvent> events,
        ImmutableHashSet<LedgerEventId> eventIds,
        ImmutableDictionary<VialId, VialBalance> vials,
        ImmutableDictionary<DoseEventId, DoseState> doses)
    {
        this.events = events;
        this.eventIds = eventIds;
        this.vials = vials;
        this.doses = doses;
    }

    /// <summary>A ledger with no events.</summary>
    public static ControlledSubstanceLedger Empty { get; } = new([], [], ImmutableDictionary<VialId, VialBalance>.Empty, ImmutableDictionary<DoseEventId, DoseState>.Empty);

    /// <summary>Accepted events in append order.</summary>
    public IReadOnlyList<LedgerEvent> Events => events;

    /// <summary>Per-vial balances.</summary>
    public IReadOnlyDictionary<VialId, VialBalance> Vials => vials;

    /// <summary>Replays stored events in order (a fold), collecting anything that would break an invariant.</summary>
    public static LedgerReplay Replay(IEnumerable<LedgerEvent> events, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(protocol);
        var ledger = Empty;
        var rejections = new List<LedgerAppendResult.Rejected>();
        var tasks = new List<DiscrepancyTask>();
        foreach (var e in events)
        {
            switch (ledger.Append(e, protocol))
            {
                case LedgerAppendResult.Accepted accepted:
                    ledger = accepted.Ledger;
                    tasks.AddRange(accepted.OpenedTasks);
                    break;
                case LedgerAppendResult.Rejected rejected:
                    rejections.Add(rejected);
                    break;
                default:
                    throw new InvalidOperationException("Unknown append result.");
            }
        }
        return new LedgerReplay(ledger, rejections.AsReadOnly(), tasks.AsReadOnly());
    }

    /// <summary>Balance of one vial; null when the vial was never received.</summary>
    public VialBalance? BalanceOf(VialId vial) => vials.GetValueOrDefault(vial);

    /// <summary>Stock by NDC and strength: the sum of the vial balances of each product.</summary>
    public IReadOnlyList<StockBalance> StockBalances() => vials.Values
        .GroupBy(v => (v.Label.Ndc, v.Concentration))
        .OrderBy(g => g.Key.Ndc.Value, StringComparer.Ordinal)
        .ThenBy(g => g.Key.Concentration.MicrogramsPerMillilitre)
        .Select(g => new StockBalance(
            g.Key.Ndc,
            g.Key.Concentration,
            g.Count(),
            g.Count(v => v.Balance != LedgerAmount.Zero),
            g.Aggregate(LedgerAmount.Zero, (sum, v) => sum + v.Balance)))
        .ToList()
        .AsReadOnly();

    /// <summary>
    /// DEA-02 / DEA-03 at session close for <paramref name="dose"/>: see <see cref="DoseReconciliation.Reconcile"/>.
    /// </summary>
    public DoseEventReconciliation ReconcileDose(DoseEventId dose, DateTimeOffset attemptedAt, ClinicProtocol protocol) =>
        DoseReconciliation.Reconcile(dose, events, attemptedAt, protocol);

    /// <summary>Appends <paramref name="event"/> if it keeps every invariant; otherwise returns why not.</summary>
    public LedgerAppendResult Append(LedgerEvent @event, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(protocol);
        if (eventIds.Contains(@event.Id))
        {
            return Reject(@event, ControlledSubstanceRules.Dea01, LedgerViolationKind.InvalidInput,
                $"Event {@event.Id} is already on the ledger; the ledger is append-only (DEA-01): record a correction as an ADJUSTMENT.");
        }
        if (@event is LedgerEvent.Receipt receipt)
        {
            return AppendReceipt(receipt, protocol);
        }
        if (vials.GetValueOrDefault(@event.Vial) is not { } vial)
        {
            return Reject(@event, ControlledSubstanceRules.Dea01, LedgerViolationKind.InvalidInput,
                $"Vial {@event.Vial} has no RECEIPT on the ledger.");
        }
        if (@event.Label != vial.Label)
        {
            return Reject(@event, ControlledSubstanceRules.Dea01, LedgerViolationKind.InvalidInput,
                $"The label scanned for vial {@event.Vial} (NDC {@event.Label.Ndc}, lot {@event.Label.Lot}, expiry {@event.Label.ExpiresOn:yyyy-MM-dd}) does not match the received vial (NDC {vial.Label.Ndc}, lot {vial.Label.Lot}, expiry {vial.Label.ExpiresOn:yyyy-MM-dd}).");
        }
        var amount = AmountOf(@event);
        if (!vial.Concentration.IsConsistent(amount.Mass, amount.Volume))
        {
            // DEA-02 (clinical-spec §9): the balance is kept in mg and in mL, so the two must describe the same drug.
            return Reject(@event, ControlledSubstanceRules.Dea02, LedgerViolationKind.InvalidInput,
                $"{@event.Type.SpecName()} on vial {vial.Vial}: {amount.Mass} is not {amount.Volume} of {vial.Concentration} solution.");
        }
        return @event switch
        {
            LedgerEvent.Draw draw => AppendDraw(draw, vial, amount, protocol),
            LedgerEvent.Administer administer => AppendAdministered(administer, administer.Dose, amount, protocol),
            LedgerEvent.Waste waste => AppendAdministered(waste, waste.Dose, amount, protocol),
            LedgerEvent.Return or LedgerEvent.LossReported => AppendDecrease(@event, vial, amount, protocol),
            LedgerEvent.Dispose dispose => AppendDispose(dispose, vial, amount, protocol),
            LedgerEvent.Adjustment adjustment => AppendAdjustment(adjustment, vial, amount, protocol),
            LedgerEvent.InventoryCount count => AppendCount(count, vial, amount, protocol),
            _ => throw new ArgumentException($"Unknown ledger event type {@event.Type.SpecName()}.", nameof(@event)),
        };
    }

    private static LedgerAmount AmountOf(LedgerEvent e) => e switch
    {
        LedgerEvent.Receipt r => new(r.Mass, r.Volume),
        LedgerEvent.Draw d => new(d.Mass, d.Volume),
        LedgerEvent.Administer a => new(a.Mass, a.Volume),
        LedgerEvent.Waste w => new(w.Mass, w.Volume),
        LedgerEvent.Return r => new(r.Mass, r.Volume),
        LedgerEvent.Dispose d => new(d.Mass, d.Volume),
        LedgerEvent.InventoryCount c => new(c.CountedMass, c.CountedVolume),
        LedgerEvent.Adjustment a => new(a.Mass, a.Volume),
        LedgerEvent.LossReported l => new(l.Mass, l.Volume),
        _ => throw new ArgumentException($"Unknown ledger event type {e.Type.SpecName()}.", nameof(e)),
    };

    private LedgerAppendResult AppendReceipt(LedgerEvent.Receipt receipt, ClinicProtocol protocol)
    {
        if (vials.ContainsKey(receipt.Vial))
        {
            return Reject(receipt, ControlledSubstanceRules.Dea01, LedgerViolationKind.InvalidInput,
                $"Vial {receipt.Vial} was already received; each vial is received once.");
        }
        if (!receipt.Concentration.IsConsistent(receipt.Mass, receipt.Volume))
        {
            return Reject(receipt, ControlledSubstanceRules.Dea02, LedgerViolationKind.InvalidInput,
                $"RECEIPT of vial {receipt.Vial}: {receipt.Mass} is not {receipt.Volume} of {receipt.Concentration} solution.");
        }
        var amount = new LedgerAmount(receipt.Mass, receipt.Volume);
        var balance = new VialBalance(receipt.Label, receipt.Concentration, amount, amount);
        return Accept(receipt, vials.SetItem(receipt.Vial, balance), doses, protocol);
    }

    private LedgerAppendResult AppendDraw(LedgerEvent.Draw draw, VialBalance vial, LedgerAmount amount, ClinicProtocol protocol)
    {
        if (!vial.Balance.Covers(amount))
        {
            return NegativeBalance(draw, vial, amount);
        }
        var dose = doses.GetValueOrDefault(draw.Dose, DoseState.Empty);
        var updatedDose = dose with { Drawn = dose.Drawn + amount, DrawnVials = dose.DrawnVials.Add(vial.Vial) };
        return Accept(
            draw,
            vials.SetItem(vial.Vial, vial with { Balance = vial.Balance - amount }),
            doses.SetItem(draw.Dose, updatedDose),
            protocol);
    }

    /// <summary>ADMINISTER and WASTE take from the dose's drawn syringe, never beyond what was drawn.</summary>
    private LedgerAppendResult AppendAdministered(LedgerEvent e, DoseEventId doseId, LedgerAmount amount, ClinicProtocol protocol)
    {
        var dose = doses.GetValueOrDefault(doseId, DoseState.Empty);
        if (!dose.DrawnVials.Contains(e.Vial))
        {
            return Reject(e, ControlledSubstanceRules.Dea02, LedgerViolationKind.InvalidInput,
                $"{e.Type.SpecName()} for dose {doseId}: nothing was drawn from vial {e.Vial} for this dose.");
        }
        var inSyringe = new LedgerAmount(
            new DrugMass(dose.Drawn.Mass.Micrograms - dose.Administered.Mass.Micrograms - dose.Wasted.Mass.Micrograms),
            new LiquidVolume(dose.Drawn.Volume.Microlitres - dose.Administered.Volume.Microlitres - dose.Wasted.Volume.Microlitres));
        var violations = new List<LedgerViolation>();
        if (!inSyringe.Covers(amount))
        {
            violations.Add(new LedgerViolation(ControlledSubstanceRules.Dea02, LedgerViolationKind.InvalidInput,
                Text($"{e.Type.SpecName()} of {amount} for dose {doseId} is more than remains drawn ({inSyringe} of {dose.Drawn} drawn); record the missing DRAW first.")));
        }
        DoseState updated;
        if (e is LedgerEvent.Waste waste)
        {
            violations.AddRange(WitnessViolations(waste, dose.AdministeringUsers, protocol));
            updated = dose with
            {
                Wasted = dose.Wasted + amount,
                Witnesses = waste.Witness is { } w ? dose.Witnesses.Add(w.Witness) : dose.Witnesses,
            };
        }
        else
        {
            if (dose.Witnesses.Contains(e.RecordedBy))
            {
                // DEA-03 (clinical-spec §9): the waste witness must differ from the administering user.
                violations.Add(new LedgerViolation(ControlledSubstanceRules.Dea03, LedgerViolationKind.Block,
                    Text($"User {e.RecordedBy} witnessed a WASTE of dose {doseId} and cannot also administer it (DEA-03).")));
            }
            updated = dose with
            {
                Administered = dose.Administered + amount,
                AdministeringUsers = dose.AdministeringUsers.Add(e.RecordedBy),
            };
        }
        return violations.Count > 0
            ? new LedgerAppendResult.Rejected(e, violations.AsReadOnly())
            : Accept(e, vials, doses.SetItem(doseId, updated), protocol);
    }

    /// <summary>DEA-03 BLOCK: a WASTE needs a witness who differs from the user wasting and from every administering user of the dose.</summary>
    internal static IReadOnlyList<LedgerViolation> WitnessViolations(LedgerEvent.Waste waste, IReadOnlySet<LedgerUserId> administeringUsers, ClinicProtocol protocol)
    {
        string? problem;
        if (waste.Witness is null)
        {
            problem = protocol.ControlledSubstances.WasteWitnessRequired
                ? Text($"WASTE of {waste.Mass} / {waste.Volume} for dose {waste.Dose} needs a second authenticated user as witness (DEA-03).")
                : null;
        }
        else if (waste.Witness.Witness == waste.RecordedBy)
        {
            problem = Text($"User {waste.Witness.Witness} cannot witness their own WASTE for dose {waste.Dose} (DEA-03).");
        }
        else if (administeringUsers.Contains(waste.Witness.Witness))
        {
            problem = Text($"User {waste.Witness.Witness} administered dose {waste.Dose} and cannot witness its WASTE (DEA-03).");
        }
        else
        {
            problem = null;
        }
        return problem is null ? [] : [new LedgerViolation(ControlledSubstanceRules.Dea03, LedgerViolationKind.Block, problem)];
    }

    private LedgerAppendResult AppendDispose(LedgerEvent.Dispose dispose, VialBalance vial, LedgerAmount amount, ClinicProtocol protocol)
    {
        if (dispose.Witness is { } witness && witness.Witness == dispose.RecordedBy)
        {
            return Reject(dispose, ControlledSubstanceRules.Dea03, LedgerViolationKind.Block,
                $"User {witness.Witness} cannot witness their own DISPOSE of vial {vial.Vial}.");
        }
        return AppendDecrease(dispose, vial, amount, protocol);
    }

    private LedgerAppendResult AppendDecrease(LedgerEvent e, VialBalance vial, LedgerAmount amount, ClinicProtocol protocol) =>
        vial.Balance.Covers(amount)
            ? Accept(e, vials.SetItem(vial.Vial, vial with { Balance = vial.Balance - amount }), doses, protocol)
            : NegativeBalance(e, vial, amount);

    private LedgerAppendResult AppendAdjustment(LedgerEvent.Adjustment adjustment, VialBalance vial, LedgerAmount amount, ClinicProtocol protocol)
    {
        if (adjustment.Corrects is { } corrected && !eventIds.Contains(corrected))
        {
            return Reject(adjustment, ControlledSubstanceRules.Dea01, LedgerViolationKind.InvalidInput,
                $"ADJUSTMENT on vial {vial.Vial} corrects event {corrected}, which is not on the ledger.");
        }
        if (adjustment.Direction == AdjustmentDirection.Decrease)
        {
            return AppendDecrease(adjustment, vial, amount, protocol);
        }
        var raised = vial.Balance + amount;
        if (!vial.Received.Covers(raised))
        {
            return Reject(adjustment, ControlledSubstanceRules.Dea02, LedgerViolationKind.InvalidInput,
                $"ADJUSTMENT +{amount} on vial {vial.Vial} would give {raised}, more than the {vial.Received} received.");
        }
        return Accept(adjustment, vials.SetItem(vial.Vial, vial with { Balance = raised }), doses, protocol);
    }

    private LedgerAppendResult.Accepted AppendCount(LedgerEvent.InventoryCount count, VialBalance vial, LedgerAmount counted, ClinicProtocol protocol)
    {
        var next = new ControlledSubstanceLedger(events.Add(count), eventIds.Add(count.Id), vials, doses);
        if (counted == vial.Balance)
        {
            return new LedgerAppendResult.Accepted(next, count, [], null);
        }
        // DEA-04 (clinical-spec §9): any inventory count ≠ ledger balance opens an investigation task.
        var task = new DiscrepancyTask(
            protocol.Version,
            DiscrepancyKind.InventoryCountMismatch,
            count.RecordedAt,
            vial.Vial,
            null,
            vial.Balance,
            counted,
            Text($"Inventory count of vial {vial.Vial} found {counted}{(count.Estimated ? " (estimated)" : string.Empty)}; the ledger balance is {vial.Balance}."));
        return new LedgerAppendResult.Accepted(next, count, [task], null);
    }

    private LedgerAppendResult.Accepted Accept(
        LedgerEvent e,
        ImmutableDictionary<VialId, VialBalance> newVials,
        ImmutableDictionary<DoseEventId, DoseState> newDoses,
        ClinicProtocol protocol)
    {
        var next = new ControlledSubstanceLedger(events.Add(e), eventIds.Add(e.Id), newVials, newDoses);
        var reporting = e is LedgerEvent.LossReported loss
            ? TheftLossReporting.For(loss.Kind, loss.DiscoveredOn, protocol)
            : null;
        return new LedgerAppendResult.Accepted(next, e, [], reporting);
    }

    private static LedgerAppendResult.Rejected NegativeBalance(LedgerEvent e, VialBalance vial, LedgerAmount amount) =>
        Reject(e, ControlledSubstanceRules.Dea02, LedgerViolationKind.InvalidInput,
            $"{e.Type.SpecName()} of {amount} from vial {vial.Vial} would make its balance negative: the vial holds {vial.Balance}.");

    private static LedgerAppendResult.Rejected Reject(LedgerEvent e, RuleId rule, LedgerViolationKind kind, FormattableString message) =>
        new(e, [new LedgerViolation(rule, kind, message.ToString(CultureInfo.InvariantCulture))]);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What has happened to one dose event's syringe so far.</summary>
    private sealed record DoseState(
        LedgerAmount Drawn,
        LedgerAmount Administered,
        LedgerAmount Wasted,
        ImmutableHashSet<VialId> DrawnVials,
        ImmutableHashSet<LedgerUserId> AdministeringUsers,
        ImmutableHashSet<LedgerUserId> Witnesses)
    {
        public static DoseState Empty { get; } = new(LedgerAmount.Zero, LedgerAmount.Zero, LedgerAmount.Zero, [], [], []);
    }
}
