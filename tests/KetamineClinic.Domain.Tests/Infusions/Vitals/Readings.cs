using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>Synthetic readings for tests: times are minutes (and seconds) after a fixed session origin.</summary>
internal static class Readings
{
    /// <summary>Session origin (t = 0 of the infusion in alarm tests).</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    public static DateTimeOffset At(int minutes, int seconds) => T0.AddMinutes(minutes).AddSeconds(seconds);

    public static VitalsReading Bp(DateTimeOffset at, int sbp, int dbp, ReportedSymptoms? symptoms = null) =>
        new(at, bloodPressure: new BloodPressure(sbp, dbp), symptoms: symptoms);

    public static VitalsReading Bp(double minute, int sbp, int dbp, ReportedSymptoms? symptoms = null) => Bp(At(minute), sbp, dbp, symptoms);

    public static VitalsReading Hr(double minute, int hr) => new(At(minute), heartRate: new HeartRate(hr));

    public static VitalsReading Hr(DateTimeOffset at, int hr) => new(at, heartRate: new HeartRate(hr));

    public static VitalsReading Spo2(double minute, int percent, OxygenSupport support = OxygenSupport.RoomAir) =>
        new(At(minute), spo2: new Spo2(percent, support));

    public static VitalsReading Spo2(DateTimeOffset at, int percent, OxygenSupport support = OxygenSupport.RoomAir) =>
        new(at, spo2: new Spo2(percent, support));

    public static VitalsReading Rr(double minute, int rr) => new(At(minute), respiratoryRate: new RespiratoryRate(rr));

    public static VitalsReading Apnea(double minute, int seconds) => new(At(minute), apneaObservedSeconds: seconds);

    public static VitalsReading Symptoms(double minute, ReportedSymptoms symptoms) => new(At(minute), symptoms: symptoms);

    /// <summary>A full pre-infusion set.</summary>
    public static VitalsReading Full(DateTimeOffset at, int sbp, int dbp, int hr = 76, int spo2 = 98, OxygenSupport support = OxygenSupport.RoomAir, int? rr = 14) =>
        new(at, new BloodPressure(sbp, dbp), new HeartRate(hr), new Spo2(spo2, support), rr is null ? null : new RespiratoryRate(rr.Value));

    /// <summary>A full set in the normal ranges of every rule and gate.</summary>
    public static VitalsReading Normal(double minute) => Full(At(minute), 124, 78);
}
