using System.Globalization;

namespace KetamineClinic.Domain.Protocol;

/// <summary>Range checks shared by the protocol section records (a protocol value outside its range is a broken invariant).</summary>
internal static class ProtocolRange
{
    /// <summary>Returns <paramref name="value"/> when it lies in [min, max]; throws otherwise.</summary>
    public static int Check(int value, int min, int max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be {min}–{max}."));

    /// <summary>Returns <paramref name="value"/> when it is a defined member of its enum; throws otherwise.</summary>
    public static TEnum Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is not a known value.");
}
