using System.Globalization;

namespace KetamineClinic.Domain.Quantities;

/// <summary>
/// An amount of drug, held as whole micrograms so it is exact on every database provider (SQLite cannot compare
/// decimals in SQL) and in ledger arithmetic. Never negative.
/// </summary>
public readonly record struct DrugMass : IComparable<DrugMass>
{
    /// <summary>Creates an amount from whole micrograms (0 or more).</summary>
    public DrugMass(long micrograms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micrograms);
        Micrograms = micrograms;
    }

    /// <summary>Whole micrograms (µg).</summary>
    public long Micrograms { get; }

    /// <summary>The amount in milligrams (exact).</summary>
    public decimal Milligrams => Micrograms / 1000m;

    public static DrugMass Zero => default;

    /// <summary>From milligrams; the value must be a whole number of micrograms (no silent rounding of a dose).</summary>
    public static DrugMass FromMilligrams(decimal milligrams)
    {
        var micrograms = checked(milligrams * 1000m);
        if (micrograms != decimal.Truncate(micrograms))
        {
            throw new ArgumentException($"{milligrams.ToString(CultureInfo.InvariantCulture)} mg is not a whole number of micrograms.", nameof(milligrams));
        }
        return new DrugMass(checked((long)micrograms));
    }

    public static DrugMass operator +(DrugMass a, DrugMass b) => new(checked(a.Micrograms + b.Micrograms));

    /// <summary>Subtraction; throws when the result would be negative (a balance never goes below zero).</summary>
    public static DrugMass operator -(DrugMass a, DrugMass b) => new(checked(a.Micrograms - b.Micrograms));

    public static bool operator <(DrugMass a, DrugMass b) => a.Micrograms < b.Micrograms;
    public static bool operator >(DrugMass a, DrugMass b) => a.Micrograms > b.Micrograms;
    public static bool operator <=(DrugMass a, DrugMass b) => a.Micrograms <= b.Micrograms;
    public static bool operator >=(DrugMass a, DrugMass b) => a.Micrograms >= b.Micrograms;

    public int CompareTo(DrugMass other) => Micrograms.CompareTo(other.Micrograms);

    public override string ToString() => $"{Milligrams.ToString("0.0##", CultureInfo.InvariantCulture)} mg";
}

/// <summary>A liquid volume, held as whole microlitres (exact). Never negative.</summary>
public readonly record struct LiquidVolume : IComparable<LiquidVolume>
{
    /// <summary>Creates a volume from whole microlitres (0 or more).</summary>
    public LiquidVolume(long microlitres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microlitres);
        Microlitres = microlitres;
    }

    /// <summary>Whole microlitres (µL).</summary>
    public long Microlitres { get; }

    /// <summary>The volume in millilitres (exact).</summary>
    public decimal Millilitres => Microlitres / 1000m;

    public static LiquidVolume Zero => default;

    /// <summary>From millilitres; the value must be a whole number of microlitres.</summary>
    public static LiquidVolume FromMillilitres(decimal millilitres)
    {
        var microlitres = checked(millilitres * 1000m);
        if (microlitres != decimal.Truncate(microlitres))
        {
            throw new ArgumentException($"{millilitres.ToString(CultureInfo.InvariantCulture)} mL is not a whole number of microlitres.", nameof(millilitres));
        }
        return new LiquidVolume(checked((long)microlitres));
    }

    public static LiquidVolume operator +(LiquidVolume a, LiquidVolume b) => new(checked(a.Microlitres + b.Microlitres));

    /// <summary>Subtraction; throws when the result would be negative.</summary>
    public static LiquidVolume operator -(LiquidVolume a, LiquidVolume b) => new(checked(a.Microlitres - b.Microlitres));

    public static bool operator <(LiquidVolume a, LiquidVolume b) => a.Microlitres < b.Microlitres;
    public static bool operator >(LiquidVolume a, LiquidVolume b) => a.Microlitres > b.Microlitres;
    public static bool operator <=(LiquidVolume a, LiquidVolume b) => a.Microlitres <= b.Microlitres;
    public static bool operator >=(LiquidVolume a, LiquidVolume b) => a.Microlitres >= b.Microlitres;

    public int CompareTo(LiquidVolume other) => Microlitres.CompareTo(other.Microlitres);

    public override string ToString() => $"{Millilitres.ToString("0.00#", CultureInfo.InvariantCulture)} mL";
}
