namespace KetamineClinic.Interop.Hl7v2;

/// <summary>
/// OBX-6 units accepted per <see cref="VitalSignKind"/>, normalised to UCUM (clinical-spec §10.2). Matching is on
/// OBX-6.1 (identifier), or OBX-6.2 (text) when there is no identifier, ignoring case and surrounding spaces. Every per-minute unit is
/// accepted for the three rates (monitors mix beats and breaths). Fahrenheit is converted to Celsius (rounded
/// to 0.01, away from zero). Anything else is refused: a value in the wrong unit is never stored.
/// </summary>
public static class VitalSignUnits
{
    private static readonly HashSet<string> MillimetresOfMercury = Set("mm[Hg]", "mmHg", "mm Hg", "266016", "MDC_DIM_MMHG");

    private static readonly HashSet<string> PerMinute = Set(
        "/min", "1/min", "bpm", "beats/min", "{beats}/min", "{beat}/min", "breaths/min", "{breaths}/min",
        "{breath}/min", "264864", "MDC_DIM_BEAT_PER_MIN", "264928", "MDC_DIM_RESP_PER_MIN");

    private static readonly HashSet<string> Percent = Set("%", "percent", "262688", "MDC_DIM_PERCENT");

    private static readonly HashSet<string> Celsius = Set("Cel", "degC", "°C", "deg C", "268192", "MDC_DIM_DEGC");

    private static readonly HashSet<string> Fahrenheit = Set("[degF]", "degF", "°F", "deg F", "MDC_DIM_FAHR");

    /// <summary>The UCUM unit a kind is stored in.</summary>
    public static string Ucum(VitalSignKind kind) =>
        kind switch
        {
            VitalSignKind.Systolic or VitalSignKind.Diastolic or VitalSignKind.MeanArterial => "mm[Hg]",
            VitalSignKind.HeartRate or VitalSignKind.PulseRate or VitalSignKind.RespiratoryRate => "/min",
            VitalSignKind.Spo2 => "%",
            VitalSignKind.Temperature => "Cel",
        };

    /// <summary>
    /// Converts <paramref name="value"/> given in the OBX-6 unit (<paramref name="identifier"/>,
    /// <paramref name="text"/>) to <see cref="Ucum"/> of <paramref name="kind"/>. False when the unit does not
    /// fit the kind.
    /// </summary>
    public static bool TryNormalise(VitalSignKind kind, string identifier, string text, decimal value, out decimal normalised)
    {
        normalised = value;
        if (Matches(Accepted(kind), identifier, text))
        {
            return true;
        }

        if (kind == VitalSignKind.Temperature && Matches(Fahrenheit, identifier, text))
        {
            normalised = Math.Round((value - 32m) * 5m / 9m, 2, MidpointRounding.AwayFromZero);
            return true;
        }

        return false;
    }

    private static HashSet<string> Accepted(VitalSignKind kind) =>
        kind switch
        {
            VitalSignKind.Systolic or VitalSignKind.Diastolic or VitalSignKind.MeanArterial => MillimetresOfMercury,
            VitalSignKind.HeartRate or VitalSignKind.PulseRate or VitalSignKind.RespiratoryRate => PerMinute,
            VitalSignKind.Spo2 => Percent,
            VitalSignKind.Temperature => Celsius,
        };

    private static bool Matches(HashSet<string> accepted, string identifier, string text)
    {
        // The identifier decides when there is one ("kg^mmHg" is kilograms); the text only stands in for a
        // missing identifier.
        var id = identifier.Trim();
        return id.Length > 0 ? accepted.Contains(id) : accepted.Contains(text.Trim());
    }

    private static HashSet<string> Set(params string[] units) => new(units, StringComparer.OrdinalIgnoreCase);
}
