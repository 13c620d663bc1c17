using System.Globalization;
using KetamineClinic.Domain.ControlledSubstances;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

/// <summary>Synthetic ledger builders (no real products, lots or people).</summary>
internal sealed class LedgerFixtures
{
    public static readonly LedgerUserId NurseA = new("nurse-a");
    public static readonly LedgerUserId NurseB = new("nurse-b");
    public static readonly LedgerUserId Pharmacist = new("pharmacist-1");
    public static readonly Ndc Ketamine100 = new("12345-678-90");
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);
    public static readonly Supplier Wholesaler = new("Synthetic Wholesale Co", "1 Test Way, Springfield", "RS0000000");
    public static readonly DoseEventId Dose1 = new("dose-1");

    private int next;

    public static ClinicProtocol TestProtocol(string version = "cs-1") => ClinicProtocol.Default with { Version = new ProtocolVersion(version) };

    public static VialLabel Label(string vial = "V-001", Ndc? ndc = null, string lot = "LOT-A1", int expiryYear = 2027) =>
        new(new VialId(vial), ndc ?? Ketamine100, lot, new DateOnly(expiryYear, 6, 30));

    public static DrugMass Mg(decimal mg) => DrugMass.FromMilligrams(mg);

    public static LiquidVolume Ml(decimal ml) => LiquidVolume.FromMillilitres(ml);

    public LedgerEventId NextId() =>
        new(Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-0000-0000-{++next:D12}")));

    public DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    public LedgerEvent.Receipt Receipt(VialLabel? label = null, decimal mgPerMl = 100m, decimal ml = 5m, decimal? mg = null) =>
        new(NextId(), Pharmacist, At(0), label ?? Label(), VialConcentration.FromMilligramsPerMillilitre(mgPerMl),
            Ml(ml), Mg(mg ?? (mgPerMl * ml)), Wholesaler, new DateOnly(2025, 3, 10));

    public LedgerEvent.Draw Draw(decimal mg, decimal ml, VialLabel? label = null, DoseEventId? dose = null, LedgerUserId? by = null) =>
        new(NextId(), by ?? NurseA, At(10), label ?? Label(), dose ?? Dose1, Mg(mg), Ml(ml));

    public LedgerEvent.Administer Administer(decimal mg, decimal ml, VialLabel? label = null, DoseEventId? dose = null, LedgerUserId? by = null) =>
        new(NextId(), by ?? NurseA, At(20), label ?? Label(), dose ?? Dose1, Mg(mg), Ml(ml), "patient-synthetic-001");

    public LedgerEvent.Waste Waste(decimal mg, decimal ml, LedgerUserId? witness, VialLabel? label = null, DoseEventId? dose = null, LedgerUserId? by = null) =>
        new(NextId(), by ?? NurseA, At(70), label ?? Label(), dose ?? Dose1, Mg(mg), Ml(ml),
            witness is { } w ? new WitnessSignature(w, At(70)) : null);

    /// <summary>Appends every event, failing the test on a rejection.</summary>
    public static ControlledSubstanceLedger Build(ClinicProtocol protocol, params LedgerEvent[] events)
    {
        var ledger = ControlledSubstanceLedger.Empty;
        foreach (var e in events)
        {
            ledger = Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(e, protocol)).Ledger;
        }
        return ledger;
    }

    public static LedgerViolation SingleViolation(LedgerAppendResult result) =>
        Assert.Single(Assert.IsType<LedgerAppendResult.Rejected>(result).Violations);
}
