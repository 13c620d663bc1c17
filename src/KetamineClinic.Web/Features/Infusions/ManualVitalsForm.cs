using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// The tablet form for a manual reading. Bound by the page (never an EF entity); turned into one
/// <see cref="IncomingReading"/> for the shared pipeline. The idempotency key is fixed when the form opens, so a
/// double tap on Save stores one reading.
/// </summary>
public sealed class ManualVitalsForm
{
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");
    public int? SystolicMmHg { get; set; }
    public int? DiastolicMmHg { get; set; }
    public int? HeartRatePerMin { get; set; }
    public int? Spo2Percent { get; set; }
    public bool OnOxygen { get; set; }
    public int? RespiratoryRatePerMin { get; set; }
    public decimal? TemperatureCelsius { get; set; }
    public int? ApneaSeconds { get; set; }
    public int? Moaas { get; set; }

    /// <summary>"" = not assessed, "yes", "no".</summary>
    public string RespondsToVoice { get; set; } = string.Empty;

    /// <summary>Symptoms were asked about (then the ticked ones, or none, are recorded).</summary>
    public bool SymptomsAssessed { get; set; }

    public HashSet<ReportedSymptoms> Symptoms { get; } = [];

    /// <summary>How long ago the values were taken (0–60 min), for entries written up just after the fact.</summary>
    public int MinutesAgo { get; set; }

    public static IReadOnlyList<ReportedSymptoms> AllSymptoms { get; } =
        [.. Enum.GetValues<ReportedSymptoms>().Where(s => s != ReportedSymptoms.None)];

    public string? CheckBloodPressure() => VitalsValidation.CheckBloodPressure(SystolicMmHg, DiastolicMmHg);

    public string? CheckTemperature() => TemperatureCelsius is { } t ? VitalsValidation.CheckTemperature(DeciCelsius(t)) : null;

    public string? CheckMinutesAgo() => MinutesAgo is < 0 or > 60 ? "Between 0 and 60 minutes ago." : null;

    public IncomingReading ToIncoming(DateTimeOffset now) => new(IdempotencyKey, now.AddMinutes(-MinutesAgo), new VitalValues
    {
        SystolicMmHg = SystolicMmHg,
        DiastolicMmHg = DiastolicMmHg,
        HeartRatePerMin = HeartRatePerMin,
        Spo2Percent = Spo2Percent,
        OnOxygen = Spo2Percent is null ? null : OnOxygen,
        RespiratoryRatePerMin = RespiratoryRatePerMin,
        TemperatureDeciCelsius = TemperatureCelsius is { } t ? DeciCelsius(t) : null,
        ApneaSeconds = ApneaSeconds,
        Moaas = Moaas,
        RespondsToVoice = RespondsToVoice switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        },
        Symptoms = SymptomsAssessed ? Symptoms.Aggregate(ReportedSymptoms.None, (all, s) => all | s) : null,
    });

    public static string Describe(ReportedSymptoms symptom) => symptom switch
    {
        ReportedSymptoms.ChestPain => "Chest pain",
        ReportedSymptoms.Dyspnea => "Dyspnea",
        ReportedSymptoms.SevereHeadache => "Severe headache",
        ReportedSymptoms.VisualChange => "Visual change",
        ReportedSymptoms.Confusion => "Confusion",
        ReportedSymptoms.FocalNeurologicDeficit => "Focal neuro deficit",
        ReportedSymptoms.Seizure => "Seizure",
        ReportedSymptoms.SevereEmergenceReaction => "Severe emergence reaction",
        ReportedSymptoms.Agitation => "Agitation",
        ReportedSymptoms.PsychoticSymptoms => "Psychotic symptoms",
        _ => symptom.ToString(),
    };

    private static int DeciCelsius(decimal celsius) => (int)Math.Round(Math.Clamp(celsius, -1000m, 1000m) * 10m, MidpointRounding.AwayFromZero);
}
