using KetamineClinic.Domain.Quantities;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>The DEA-01 event types (clinical-spec §9), e.g. for storage.</summary>
public enum LedgerEventType
{
    /// <summary>A vial received into stock.</summary>
    Receipt,

    /// <summary>Drug drawn from a vial into a syringe for a dose event.</summary>
    Draw,

    /// <summary>Drawn drug given to the patient.</summary>
    Administer,

    /// <summary>The drawn remainder of a dose wasted, with a witness (DEA-03).</summary>
    Waste,

    /// <summary>Stock returned to the supplier or a reverse distributor.</summary>
    Return,

    /// <summary>Stock destroyed on site (e.g. expired; DEA Form 41).</summary>
    Dispose,

    /// <summary>A physical count of a vial; compared with the ledger balance (DEA-04).</summary>
    InventoryCount,

    /// <summary>A correction with a reason; the only way to fix a mistake (DEA-01).</summary>
    Adjustment,

    /// <summary>A theft or loss, recorded against the vial (DEA-04).</summary>
    LossReported,
}

/// <summary>Direction of an ADJUSTMENT.</summary>
public enum AdjustmentDirection
{
    /// <summary>Adds to the vial balance (e.g. a DRAW recorded too large).</summary>
    Increase,

    /// <summary>Takes from the vial balance (e.g. a DRAW recorded too small).</summary>
    Decrease,
}

/// <summary>Kind of loss (21 CFR 1301.76(b)): every theft is reported; for a loss the registrant decides whether it is significant.</summary>
public enum LossKind
{
    /// <summary>Theft: always reported.</summary>
    Theft,

    /// <summary>A loss the registrant judged significant: reported.</summary>
    SignificantLoss,

    /// <summary>A loss the registrant judged not significant: recorded, not reported to DEA.</summary>
    LossNotSignificant,
}

/// <summary>
/// One entry of the append-only controlled-substance ledger (DEA-01, clinical-spec §9). Every event has the
/// recording user, the instant, and the vial's label (vial id, NDC, lot, expiry). Events are never edited or
/// deleted: a mistake is corrected by an <see cref="Adjustment"/> with a reason.
/// Amounts are in whole µg (<see cref="DrugMass"/>) and whole µL of the vial's solution (<see cref="LiquidVolume"/>),
/// never of a diluted bag.
/// </summary>
public abstract record LedgerEvent
{
    private LedgerEvent(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label)
    {
        if (id.Value == Guid.Empty || recordedBy.Value is null)
        {
            throw new ArgumentException("A ledger event needs an id and the recording user.", nameof(id));
        }
        ArgumentNullException.ThrowIfNull(label);
        Id = id;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        Label = label;
    }

    /// <summary>Event id (recorded once).</summary>
    public LedgerEventId Id { get; }

    /// <summary>The authenticated user who recorded the event.</summary>
    public LedgerUserId RecordedBy { get; }

    /// <summary>Instant the event was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>The vial's label.</summary>
    public VialLabel Label { get; }

    /// <summary>The vial id (from the label).</summary>
    public VialId Vial => Label.Vial;

    /// <summary>The event type.</summary>
    public abstract LedgerEventType Type { get; }

    private static DrugMass Positive(DrugMass mass, string name) =>
        mass.Micrograms > 0 ? mass : throw new ArgumentOutOfRangeException(name, "The drug amount must be greater than zero.");

    private static LiquidVolume Positive(LiquidVolume volume, string name) =>
        volume.Microlitres > 0 ? volume : throw new ArgumentOutOfRangeException(name, "The volume must be greater than zero.");

    private static string Required(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }

    /// <summary>RECEIPT: a vial of <see cref="Concentration"/> and <see cref="Volume"/> received (21 CFR 1304.22(c)).</summary>
    public sealed record Receipt : LedgerEvent
    {
        /// <summary>Records a received vial; volume and mass must be greater than zero.</summary>
        public Receipt(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            VialConcentration concentration, LiquidVolume volume, DrugMass mass, Supplier supplier, DateOnly receivedOn)
            : base(id, recordedBy, recordedAt, label)
        {
            ArgumentNullException.ThrowIfNull(supplier);
            Concentration = concentration.MicrogramsPerMillilitre > 0
                ? concentration
                : throw new ArgumentException("A receipt needs the vial's concentration.", nameof(concentration));
            Volume = Positive(volume, nameof(volume));
            Mass = Positive(mass, nameof(mass));
            Supplier = supplier;
            ReceivedOn = receivedOn;
        }

        /// <summary>Concentration of the vial (e.g. 100 mg/mL).</summary>
        public VialConcentration Concentration { get; }

        /// <summary>Volume in the vial (e.g. 5 mL).</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Drug in the vial; must equal volume × concentration.</summary>
        public DrugMass Mass { get; }

        /// <summary>Supplier.</summary>
        public Supplier Supplier { get; }

        /// <summary>Date received.</summary>
        public DateOnly ReceivedOn { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Receipt;
    }

    /// <summary>DRAW: solution drawn from the vial into a syringe for a dose event; reduces the vial.</summary>
    public sealed record Draw : LedgerEvent
    {
        /// <summary>Records a draw; amounts must be greater than zero.</summary>
        public Draw(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DoseEventId dose, DrugMass mass, LiquidVolume volume)
            : base(id, recordedBy, recordedAt, label)
        {
            Dose = dose.Value is null ? throw new ArgumentException("A draw needs its dose event.", nameof(dose)) : dose;
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
        }

        /// <summary>Dose event.</summary>
        public DoseEventId Dose { get; }

        /// <summary>Drug drawn.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution drawn.</summary>
        public LiquidVolume Volume { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Draw;
    }

    /// <summary>ADMINISTER: drawn drug given to the patient; the recording user is the administering user.</summary>
    public sealed record Administer : LedgerEvent
    {
        /// <summary>Records an administration; amounts must be greater than zero.</summary>
        public Administer(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DoseEventId dose, DrugMass mass, LiquidVolume volume, string patientReference)
            : base(id, recordedBy, recordedAt, label)
        {
            Dose = dose.Value is null ? throw new ArgumentException("An administration needs its dose event.", nameof(dose)) : dose;
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
            PatientReference = Required(patientReference, nameof(patientReference));
        }

        /// <summary>Dose event.</summary>
        public DoseEventId Dose { get; }

        /// <summary>Drug given.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution given (vial solution, not the diluted bag).</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Reference to the patient record (name and address live there, 21 CFR 1304.22(c)).</summary>
        public string PatientReference { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Administer;
    }

    /// <summary>WASTE: the drawn remainder of a dose wasted; needs a witness (DEA-03).</summary>
    public sealed record Waste : LedgerEvent
    {
        /// <summary>Records a waste; amounts must be greater than zero. A missing witness is judged by the ledger (DEA-03 BLOCK).</summary>
        public Waste(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DoseEventId dose, DrugMass mass, LiquidVolume volume, WitnessSignature? witness)
            : base(id, recordedBy, recordedAt, label)
        {
            Dose = dose.Value is null ? throw new ArgumentException("A waste needs its dose event.", nameof(dose)) : dose;
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
            Witness = witness;
        }

        /// <summary>Dose event.</summary>
        public DoseEventId Dose { get; }

        /// <summary>Drug wasted.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution wasted.</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Witness signature.</summary>
        public WitnessSignature? Witness { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Waste;
    }

    /// <summary>RETURN: stock returned to the supplier or a reverse distributor; reduces the vial.</summary>
    public sealed record Return : LedgerEvent
    {
        /// <summary>Records a return; amounts must be greater than zero.</summary>
        public Return(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DrugMass mass, LiquidVolume volume, string recipient)
            : base(id, recordedBy, recordedAt, label)
        {
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
            Recipient = Required(recipient, nameof(recipient));
        }

        /// <summary>Drug returned.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution returned.</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Who received it (supplier or reverse distributor, with DEA number).</summary>
        public string Recipient { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Return;
    }

    /// <summary>DISPOSE: stock destroyed (date, manner, quantity: 21 CFR 1304.22(c)); reduces the vial.</summary>
    public sealed record Dispose : LedgerEvent
    {
        /// <summary>Records a disposal; amounts must be greater than zero and the manner stated.</summary>
        public Dispose(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DrugMass mass, LiquidVolume volume, string manner, WitnessSignature? witness)
            : base(id, recordedBy, recordedAt, label)
        {
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
            Manner = Required(manner, nameof(manner));
            Witness = witness;
        }

        /// <summary>Drug disposed of.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution disposed of.</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Manner of disposal (e.g. "DEA Form 41, on-site destruction").</summary>
        public string Manner { get; }

        /// <summary>Witness signature, when one was taken.</summary>
        public WitnessSignature? Witness { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Dispose;
    }

    /// <summary>INVENTORY_COUNT: what was physically found in the vial; does not change the balance.</summary>
    public sealed record InventoryCount : LedgerEvent
    {
        /// <summary>Records a count (zero allowed: an empty vial).</summary>
        public InventoryCount(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DrugMass countedMass, LiquidVolume countedVolume, bool estimated)
            : base(id, recordedBy, recordedAt, label)
        {
            CountedMass = countedMass;
            CountedVolume = countedVolume;
            Estimated = estimated;
        }

        /// <summary>Drug found.</summary>
        public DrugMass CountedMass { get; }

        /// <summary>Solution found.</summary>
        public LiquidVolume CountedVolume { get; }

        /// <summary>True for an estimated count (allowed for CIII solutions, 21 CFR 1304.11).</summary>
        public bool Estimated { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.InventoryCount;
    }

    /// <summary>ADJUSTMENT: a correction with a reason, the only way to fix a mistake (DEA-01).</summary>
    public sealed record Adjustment : LedgerEvent
    {
        /// <summary>Records a correction; amounts must be greater than zero and the reason stated.</summary>
        public Adjustment(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            AdjustmentDirection direction, DrugMass mass, LiquidVolume volume, string reason, LedgerEventId? corrects)
            : base(id, recordedBy, recordedAt, label)
        {
            Direction = Enum.IsDefined(direction)
                ? direction
                : throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown adjustment direction.");
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
            Reason = Required(reason, nameof(reason));
            Corrects = corrects;
        }

        /// <summary>Increase or decrease of the vial balance.</summary>
        public AdjustmentDirection Direction { get; }

        /// <summary>Drug adjusted.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution adjusted.</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Why (required).</summary>
        public string Reason { get; }

        /// <summary>The event this corrects, if any (that event stays unchanged).</summary>
        public LedgerEventId? Corrects { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.Adjustment;
    }

    /// <summary>LOSS_REPORTED: a theft or loss recorded against the vial; reduces it (DEA-04).</summary>
    public sealed record LossReported : LedgerEvent
    {
        /// <summary>Records a loss; amounts must be greater than zero.</summary>
        public LossReported(LedgerEventId id, LedgerUserId recordedBy, DateTimeOffset recordedAt, VialLabel label,
            DrugMass mass, LiquidVolume volume, LossKind kind, DateOnly discoveredOn)
            : base(id, recordedBy, recordedAt, label)
        {
            Mass = Positive(mass, nameof(mass));
            Volume = Positive(volume, nameof(volume));
            Kind = Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss kind.");
            DiscoveredOn = discoveredOn;
        }

        /// <summary>Drug lost.</summary>
        public DrugMass Mass { get; }

        /// <summary>Solution lost.</summary>
        public LiquidVolume Volume { get; }

        /// <summary>Theft, significant loss, or loss not significant.</summary>
        public LossKind Kind { get; }

        /// <summary>Discovery date in the registrant's local time zone (DEA-04).</summary>
        public DateOnly DiscoveredOn { get; }

        /// <inheritdoc />
        public override LedgerEventType Type => LedgerEventType.LossReported;
    }
}

/// <summary>Spec names of the event types.</summary>
public static class LedgerEventTypeNames
{
    /// <summary>The DEA-01 name, e.g. <c>INVENTORY_COUNT</c>.</summary>
    public static string SpecName(this LedgerEventType type) => type switch
    {
        LedgerEventType.Receipt => "RECEIPT",
        LedgerEventType.Draw => "DRAW",
        LedgerEventType.Administer => "ADMINISTER",
        LedgerEventType.Waste => "WASTE",
        LedgerEventType.Return => "RETURN",
        LedgerEventType.Dispose => "DISPOSE",
        LedgerEventType.InventoryCount => "INVENTORY_COUNT",
        LedgerEventType.Adjustment => "ADJUSTMENT",
        LedgerEventType.LossReported => "LOSS_REPORTED",
    };
}
