namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// The pre-infusion values of an encounter that later rules compare with: <see cref="BloodPressure"/> is
/// <c>baselineBP</c> of DC-03, the Aldrete circulation item and the PADSS vital-signs item (clinical-spec §5.1–5.3);
/// heart rate, respiratory rate and temperature are the PADSS baselines. Produced by <see cref="PreInfusionGate"/>.
/// </summary>
/// <param name="BloodPressure">baselineBP: the BP of the deciding pre-infusion reading.</param>
/// <param name="HeartRate">Pre-infusion heart rate, if measured.</param>
/// <param name="RespiratoryRate">Pre-infusion respiratory rate, if measured.</param>
/// <param name="Temperature">Pre-infusion temperature, if measured.</param>
/// <param name="TakenAt">Instant of the deciding pre-infusion reading.</param>
public sealed record VitalsBaseline(
    BloodPressure BloodPressure,
    HeartRate? HeartRate,
    RespiratoryRate? RespiratoryRate,
    BodyTemperature? Temperature,
    DateTimeOffset TakenAt);
