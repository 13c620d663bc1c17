using System.Globalization;
using System.Runtime.InteropServices;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>What the patient was breathing when SpO₂ was measured (VS-SPO2-01 and the Aldrete O₂ item depend on it).</summary>
public enum OxygenSupport
{
    /// <summary>Room air.</summary>
    RoomAir,

    /// <summary>Supplemental oxygen (any flow or device).</summary>
    SupplementalOxygen,
}

/// <summary>
/// Peripheral oxygen saturation by pulse oximetry in whole percent (LOINC 2708-6 + 59408-5), with whether the patient
/// was on room air or supplemental O₂. Possible bounds: 50–100 %.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Spo2
{
    /// <summary>Lowest saturation accepted (%).</summary>
    public const int MinPercent = 50;

    /// <summary>Highest saturation accepted (%).</summary>
    public const int MaxPercent = 100;

    /// <summary>Creates an SpO₂ value; throws <see cref="ArgumentOutOfRangeException"/> outside 50–100 %.</summary>
    /// <param name="percent">Saturation, 50–100 %.</param>
    /// <param name="support">Room air or supplemental O₂.</param>
    public Spo2(int percent, OxygenSupport support)
    {
        var problem = Validate(percent);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), problem);
        }

        if (!Enum.IsDefined(support))
        {
            throw new ArgumentOutOfRangeException(nameof(support), support, "Unknown oxygen support.");
        }

        Percent = percent;
        Support = support;
    }

    /// <summary>Saturation (%).</summary>
    public int Percent { get; }

    /// <summary>Room air or supplemental O₂.</summary>
    public OxygenSupport Support { get; }

    /// <summary>True when measured on room air.</summary>
    public bool OnRoomAir => Support == OxygenSupport.RoomAir;

    /// <summary>Creates a room-air reading.</summary>
    public static Spo2 RoomAir(int percent) => new(percent, OxygenSupport.RoomAir);

    /// <summary>Creates a reading on supplemental O₂.</summary>
    public static Spo2 OnOxygen(int percent) => new(percent, OxygenSupport.SupplementalOxygen);

    /// <summary>Why the value is not a possible saturation, or null when it is.</summary>
    public static string? Validate(int percent) =>
        percent is < MinPercent or > MaxPercent
            ? string.Create(CultureInfo.InvariantCulture, $"SpO2 {percent} % is outside the accepted range {MinPercent}–{MaxPercent} %.")
            : null;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Percent} % on {(OnRoomAir ? "room air" : "O2")}");
}
