using System.Globalization;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// What was measured or observed at one instant: any subset of the vital signs, the symptoms reported at that time,
/// MOAA/S and voice response if assessed, and apnea observed. A null value means "not measured / not assessed at
/// this instant" (a device BP reading carries no symptoms); <see cref="ReportedSymptoms.None"/> means "assessed, none".
/// At least one value must be present. Immutable; validated on construction.
/// </summary>
public sealed record VitalsReading
{
    /// <summary>Longest apnea accepted (s). Longer values are refused by ingestion as not physiologically plausible for a monitored patient.</summary>
    public const int MaxApneaSeconds = 600;

    /// <summary>Creates a reading.</summary>
    /// <param name="takenAt">Instant of measurement (stored as UTC).</param>
    /// <param name="bloodPressure">Blood pressure, or null when not measured.</param>
    /// <param name="heartRate">Heart rate, or null.</param>
    /// <param name="spo2">SpO₂ with room air / O₂, or null.</param>
    /// <param name="respiratoryRate">Respiratory rate, or null.</param>
    /// <param name="temperature">Body temperature, or null.</param>
    /// <param name="apneaObservedSeconds">Longest apnea observed at this time (0–600 s), 0 = none observed; null = not assessed.</param>
    /// <param name="moaas">MOAA/S, or null when not assessed.</param>
    /// <param name="respondsToVoice">Whether the patient responds to voice, or null when not assessed.</param>
    /// <param name="symptoms">Symptoms reported at this time; null when symptoms were not assessed.</param>
    public VitalsReading(
        DateTimeOffset takenAt,
        BloodPressure? bloodPressure = null,
        HeartRate? heartRate = null,
        Spo2? spo2 = null,
        RespiratoryRate? respiratoryRate = null,
        BodyTemperature? temperature = null,
        int? apneaObservedSeconds = null,
        MoaasScore? moaas = null,
        bool? respondsToVoice = null,
        ReportedSymptoms? symptoms = null)
    {
        if (apneaObservedSeconds is < 0 or > MaxApneaSeconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(apneaObservedSeconds),
                apneaObservedSeconds,
                string.Create(CultureInfo.InvariantCulture, $"Apnea must be 0–{MaxApneaSeconds} s."));
        }

        if (symptoms is { } s && (s & ~ReportedSymptomsExtensions.All) != ReportedSymptoms.None)
        {
            throw new ArgumentOutOfRangeException(nameof(symptoms), symptoms, "Unknown symptom flag.");
        }

        if (moaas is { } m && respondsToVoice is { } voice && m.RespondsToVoice != voice)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"MOAA/S {m.Score} contradicts 'responds to voice' = {voice}: MOAA/S 3–5 respond to voice, 0–2 do not."),
                nameof(respondsToVoice));
        }

        if (bloodPressure is null && heartRate is null && spo2 is null && respiratoryRate is null && temperature is null &&
            apneaObservedSeconds is null && moaas is null && respondsToVoice is null && symptoms is null)
        {
            throw new ArgumentException("A reading must contain at least one measurement or observation.", nameof(takenAt));
        }

        TakenAt = takenAt.ToUniversalTime();
        BloodPressure = bloodPressure;
        HeartRate = heartRate;
        Spo2 = spo2;
        RespiratoryRate = respiratoryRate;
        Temperature = temperature;
        ApneaObservedSeconds = apneaObservedSeconds;
        Moaas = moaas;
        RespondsToVoice = respondsToVoice;
        Symptoms = symptoms;
    }

    /// <summary>Instant of measurement (UTC).</summary>
    public DateTimeOffset TakenAt { get; }

    /// <summary>Blood pressure, or null when not measured.</summary>
    public BloodPressure? BloodPressure { get; }

    /// <summary>Heart rate, or null when not measured.</summary>
    public HeartRate? HeartRate { get; }

    /// <summary>SpO₂, or null when not measured.</summary>
    public Spo2? Spo2 { get; }

    /// <summary>Respiratory rate, or null when not measured.</summary>
    public RespiratoryRate? RespiratoryRate { get; }

    /// <summary>Body temperature, or null when not measured.</summary>
    public BodyTemperature? Temperature { get; }

    /// <summary>Longest apnea observed at this time (s); 0 = none; null = not assessed.</summary>
    public int? ApneaObservedSeconds { get; }

    /// <summary>MOAA/S, or null when not assessed.</summary>
    public MoaasScore? Moaas { get; }

    /// <summary>Whether the patient responds to voice; null when not assessed (MOAA/S, when present, implies it).</summary>
    public bool? RespondsToVoice { get; }

    /// <summary>Symptoms reported at this time; null = not assessed; <see cref="ReportedSymptoms.None"/> = assessed, none.</summary>
    public ReportedSymptoms? Symptoms { get; }
}
