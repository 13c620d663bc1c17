using System.Globalization;
using KetamineClinic.Domain.Quantities;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>Rule ids of the controlled-substance rules (clinical-spec §9).</summary>
public static class ControlledSubstanceRules
{
    /// <summary>DEA-01: append-only, event-sourced ledger; a correction is a new ADJUSTMENT with a reason.</summary>
    public const string Dea01 = "DEA-01";

    /// <summary>DEA-02 BLOCK: per-vial running balance; per dose event DRAW − ADMINISTER − WASTE = 0 in mg and mL.</summary>
    public const string Dea02 = "DEA-02";

    /// <summary>DEA-03 BLOCK: WASTE needs a witness who is a different authenticated user from the administering user.</summary>
    public const string Dea03 = "DEA-03";

    /// <summary>DEA-04: discrepancy workflow; theft/significant loss notice and Form 106 due dates.</summary>
    public const string Dea04 = "DEA-04";

    /// <summary>DEA-05: biennial inventory due date and reminder.</summary>
    public const string Dea05 = "DEA-05";

    /// <summary>DEA-06: retention (≥2 years, default 7).</summary>
    public const string Dea06 = "DEA-06";
}

/// <summary>Identifies one physical vial (its label / barcode id in the clinic).</summary>
public readonly record struct VialId
{
    /// <summary>Creates an id (non-blank).</summary>
    public VialId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The id.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Identifies one ledger event (idempotency key; an event id is recorded once).</summary>
public readonly record struct LedgerEventId
{
    /// <summary>Creates an id (not empty).</summary>
    public LedgerEventId(Guid value)
    {
        if (value == Guid.Empty)
        {
            throw new ArgumentException("A ledger event id cannot be empty.", nameof(value));
        }
        Value = value;
    }

    /// <summary>The id.</summary>
    public Guid Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D", CultureInfo.InvariantCulture);
}

/// <summary>Identifies one dose event (the draw, administration and waste of one infusion's dose).</summary>
public readonly record struct DoseEventId
{
    /// <summary>Creates an id (non-blank).</summary>
    public DoseEventId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The id.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>An authenticated staff user as recorded on the ledger (the identity's stable user id).</summary>
public readonly record struct LedgerUserId
{
    /// <summary>Creates an id (non-blank).</summary>
    public LedgerUserId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The id.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// A National Drug Code. Accepts the 10-digit labeler-product-package forms 4-4-2, 5-3-2 and 5-4-1 and the
/// 11-digit 5-4-2 form (with hyphens, or 11 digits without), and holds the 11-digit 5-4-2 form so the same product
/// groups together however it was entered.
/// </summary>
public readonly record struct Ndc
{
    /// <summary>Parses an NDC; throws <see cref="ArgumentException"/> for any other shape.</summary>
    public Ndc(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = Normalize(value) ?? throw new ArgumentException(
            $"'{value}' is not an NDC (use 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits).", nameof(value));
    }

    /// <summary>The 11-digit form, 5-4-2 with hyphens (e.g. 42023-0113-10).</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string? Normalize(string value)
    {
        var parts = value.Split('-');
        if (parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }
        return parts.Select(p => p.Length).ToArray() switch
        {
            [11] => $"{value[..5]}-{value[5..9]}-{value[9..]}",
            [4, 4, 2] => $"0{parts[0]}-{parts[1]}-{parts[2]}",
            [5, 3, 2] => $"{parts[0]}-0{parts[1]}-{parts[2]}",
            [5, 4, 1] => $"{parts[0]}-{parts[1]}-0{parts[2]}",
            [5, 4, 2] => value,
            _ => null,
        };
    }
}

/// <summary>
/// Concentration of a vial's solution, held as whole micrograms per millilitre (exact), e.g. 100 mg/mL.
/// Then µg in a volume = µL × (µg/mL) / 1000, exact whenever the amounts are consistent.
/// </summary>
public readonly record struct VialConcentration
{
    /// <summary>Creates a concentration from whole µg/mL (1 µg/mL to 1,000 mg/mL).</summary>
    public VialConcentration(long microgramsPerMillilitre)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microgramsPerMillilitre, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(microgramsPerMillilitre, 1_000_000);
        MicrogramsPerMillilitre = microgramsPerMillilitre;
    }

    /// <summary>Whole micrograms per millilitre.</summary>
    public long MicrogramsPerMillilitre { get; }

    /// <summary>Milligrams per millilitre (exact).</summary>
    public decimal MilligramsPerMillilitre => MicrogramsPerMillilitre / 1000m;

    /// <summary>From mg/mL; must be a whole number of µg/mL.</summary>
    public static VialConcentration FromMilligramsPerMillilitre(decimal milligramsPerMillilitre)
    {
        var micrograms = checked(milligramsPerMillilitre * 1000m);
        if (micrograms != decimal.Truncate(micrograms))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{milligramsPerMillilitre} mg/mL is not a whole number of µg/mL."),
                nameof(milligramsPerMillilitre));
        }
        return new VialConcentration(checked((long)micrograms));
    }

    /// <summary>The drug mass in <paramref name="volume"/> of this solution, or null when it is not a whole number of µg.</summary>
    public DrugMass? MassIn(LiquidVolume volume)
    {
        var product = checked(volume.Microlitres * MicrogramsPerMillilitre);
        return product % 1000 == 0 ? new DrugMass(product / 1000) : null;
    }

    /// <summary>True when <paramref name="mass"/> is exactly the drug in <paramref name="volume"/> of this solution.</summary>
    public bool IsConsistent(DrugMass mass, LiquidVolume volume) => MassIn(volume) == mass;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{MilligramsPerMillilitre:0.###} mg/mL");
}

/// <summary>What is printed on the vial and scanned with every event (DEA-01): vial id, NDC, lot and expiry.</summary>
public sealed record VialLabel
{
    /// <summary>Creates a label; the lot must be non-blank.</summary>
    public VialLabel(VialId vial, Ndc ndc, string lot, DateOnly expiresOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lot);
        if (vial.Value is null || ndc.Value is null)
        {
            throw new ArgumentException("A vial label needs a vial id and an NDC.", nameof(vial));
        }
        Vial = vial;
        Ndc = ndc;
        Lot = lot;
        ExpiresOn = expiresOn;
    }

    /// <summary>Vial id.</summary>
    public VialId Vial { get; }

    /// <summary>NDC of the product.</summary>
    public Ndc Ndc { get; }

    /// <summary>Manufacturer's lot number.</summary>
    public string Lot { get; }

    /// <summary>Expiry date printed on the vial.</summary>
    public DateOnly ExpiresOn { get; }
}

/// <summary>Supplier of a receipt (21 CFR 1304.22(c): name, address, DEA registration number).</summary>
public sealed record Supplier
{
    /// <summary>Creates a supplier record; every field is required.</summary>
    public Supplier(string name, string address, string deaNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(deaNumber);
        Name = name;
        Address = address;
        DeaNumber = deaNumber;
    }

    /// <summary>Supplier name.</summary>
    public string Name { get; }

    /// <summary>Supplier address.</summary>
    public string Address { get; }

    /// <summary>Supplier DEA registration number.</summary>
    public string DeaNumber { get; }
}

/// <summary>
/// A witness's signature (DEA-03). The web layer creates it only after the witness has authenticated themselves
/// in the same action (re-entering credentials); the domain checks that the witness is a different user.
/// </summary>
/// <param name="Witness">The witnessing user.</param>
/// <param name="SignedAt">Instant of the signature (UTC).</param>
public sealed record WitnessSignature(LedgerUserId Witness, DateTimeOffset SignedAt)
{
    /// <summary>The witnessing user.</summary>
    public LedgerUserId Witness { get; } = Witness.Value is null
        ? throw new ArgumentException("A witness signature needs a user.", nameof(Witness))
        : Witness;
}
