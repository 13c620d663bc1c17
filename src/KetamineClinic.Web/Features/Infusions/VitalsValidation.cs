using System.Globalization;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// Turns incoming values into the domain's <see cref="VitalsReading"/>, refusing physiologically impossible values
/// with the domain types' own messages (docs/clinical-rules/vitals-discharge.md, decision 1). Field names match the
/// HTTP contract so a device integrator can find the offending value.
/// </summary>
internal static class VitalsValidation
{
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>How far in the future a device clock may be (its reading is refused beyond this).</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(2);

    /// <summary>Field-level checks, usable by a form before submitting. Null when the value is possible.</summary>
    public static string? CheckBloodPressure(int? systolic, int? diastolic) => (systolic, diastolic) switch
    {
        (null, null) => null,
        (null, not null) => "Diastolic needs the systolic value too.",
        (not null, null) => "Systolic needs the diastolic value too.",
        ({ } s, { } d) => BloodPressure.Validate(s, d),
    };

    public static string? CheckHeartRate(int? perMin) => perMin is { } v ? HeartRate.Validate(v) : null;

    public static string? CheckSpo2(int? percent) => percent is { } v ? Spo2.Validate(v) : null;

    public static string? CheckRespiratoryRate(int? perMin) => perMin is { } v ? RespiratoryRate.Validate(v) : null;

    public static string? CheckTemperature(int? deciCelsius) => deciCelsius is { } v ? BodyTemperature.Validate(v / 10m) : null;

    public static string? CheckApnea(int? seconds) => seconds is < 0 or > VitalsReading.MaxApneaSeconds
        ? string.Create(CultureInfo.InvariantCulture, $"Apnea {seconds} s is outside the possible range 0–{VitalsReading.MaxApneaSeconds} s.")
        : null;

    public static string? CheckMoaas(int? score) => score is < MoaasScore.Min or > MoaasScore.Max
        ? string.Create(CultureInfo.InvariantCulture, $"MOAA/S {score} is outside {MoaasScore.Min}–{MoaasScore.Max}.")
        : null;

    public static string? CheckIdempotencyKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "Each reading needs an idempotency id.";
        }

        if (key.Length > MaxIdempotencyKeyLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The idempotency id is longer than {MaxIdempotencyKeyLength} characters.");
        }

        return key.Any(char.IsControl) ? "The idempotency id contains control characters." : null;
    }

    /// <summary>
    /// Validates one reading. <paramref name="notBefore"/> is the session's check-in (a reading taken earlier may
    /// belong to the previous patient on the chair); <paramref name="now"/> bounds device clocks running ahead.
    /// </summary>
    public static (VitalsReading? Reading, List<ReadingProblem> Problems) Validate(int index, IncomingReading incoming, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        var problems = new List<ReadingProblem>();
        var key = incoming.IdempotencyKey;
        void Add(string field, string? message)
        {
            if (message is not null)
            {
                problems.Add(new ReadingProblem(index, string.IsNullOrWhiteSpace(key) ? null : key, field, message));
            }
        }

        var v = incoming.Values;
        Add("id", CheckIdempotencyKey(key));
        Add("bloodPressure", CheckBloodPressure(v.SystolicMmHg, v.DiastolicMmHg));
        Add("heartRate", CheckHeartRate(v.HeartRatePerMin));
        Add("spo2", CheckSpo2(v.Spo2Percent));
        Add("onOxygen", v.OnOxygen is not null && v.Spo2Percent is null ? "onOxygen is given without an SpO2 value." : null);
        Add("respiratoryRate", CheckRespiratoryRate(v.RespiratoryRatePerMin));
        Add("temperature", CheckTemperature(v.TemperatureDeciCelsius));
        Add("apneaSeconds", CheckApnea(v.ApneaSeconds));
        Add("moaas", CheckMoaas(v.Moaas));
        Add("symptoms", v.Symptoms is { } s && (s & ~ReportedSymptomsExtensions.All) != ReportedSymptoms.None ? "Unknown symptom." : null);
        Add("respondsToVoice", v.Moaas is >= MoaasScore.Min and <= MoaasScore.Max && v.RespondsToVoice is { } voice && new MoaasScore(v.Moaas.Value).RespondsToVoice != voice
            ? string.Create(CultureInfo.InvariantCulture, $"MOAA/S {v.Moaas} contradicts 'responds to voice' = {voice}: MOAA/S 3–5 respond to voice, 0–2 do not.")
            : null);
        var empty = v.SystolicMmHg is null && v.DiastolicMmHg is null && v.HeartRatePerMin is null && v.Spo2Percent is null
                    && v.RespiratoryRatePerMin is null && v.TemperatureDeciCelsius is null && v.ApneaSeconds is null
                    && v.Moaas is null && v.RespondsToVoice is null && v.Symptoms is null;
        Add("values", empty ? "A reading must contain at least one measurement or observation." : null);
        Add("takenAt", incoming.TakenAt > now + ClockSkewAllowance
            ? string.Create(CultureInfo.InvariantCulture, $"Taken at {incoming.TakenAt.ToUniversalTime():O}, more than {ClockSkewAllowance.TotalMinutes} min in the future: check the device clock.")
            : null);
        Add("takenAt", notBefore is { } start && incoming.TakenAt < start
            ? string.Create(CultureInfo.InvariantCulture, $"Taken at {incoming.TakenAt.ToUniversalTime():O}, before this patient was checked in to the chair ({start.ToUniversalTime():O}).")
            : null);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        try
        {
            return (new VitalsReading(
                incoming.TakenAt,
                v.SystolicMmHg is { } sbp ? new BloodPressure(sbp, v.DiastolicMmHg!.Value) : null,
                v.HeartRatePerMin is { } hr ? new HeartRate(hr) : null,
                v.Spo2Percent is { } spo2 ? new Spo2(spo2, v.OnOxygen == true ? OxygenSupport.SupplementalOxygen : OxygenSupport.RoomAir) : null,
                v.RespiratoryRatePerMin is { } rr ? new RespiratoryRate(rr) : null,
                v.TemperatureDeciCelsius is { } temp ? new BodyTemperature(temp / 10m) : null,
                v.ApneaSeconds,
                v.Moaas is { } m ? new MoaasScore(m) : null,
                v.RespondsToVoice,
                v.Symptoms), problems);
        }
        catch (ArgumentException ex)
        {
            // The checks above mirror the constructors; this is the last guard if the domain grows a new rule.
            Add("values", ex.Message);
            return (null, problems);
        }
    }
}
