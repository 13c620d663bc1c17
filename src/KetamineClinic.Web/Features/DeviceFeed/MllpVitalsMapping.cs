using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Web.Features.Infusions;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>
/// Turns the observations of one accepted ORU^R01 into readings for the one pipeline. Pure (no I/O, no clock).
/// <list type="bullet">
/// <item>Observations taken at the same instant become one reading (SBP, DBP, HR, SpO₂... together, as a monitor
/// reports them); a second value of the same kind at the same instant (another channel) starts another reading.</item>
/// <item>Idempotency: each reading's key is MSH-3 + MSH-4 + MSH-10 (<see cref="DeviceObservationBatch.IdempotencyKey"/>),
/// with <c>#n</c> for the n-th reading of the message (in time order, so a resend gives the same keys); a key over
/// 100 characters is replaced by its SHA-256.</item>
/// <item>Heart rate wins over pulse rate when both are sent for the same instant; mean arterial pressure is not
/// stored (no alarm rule reads it). Decimal values are rounded to whole units (temperature to 0.1 °C), half away
/// from zero.</item>
/// <item>Status C (correction) is not applied automatically and comes back as a warning: the pipeline cannot supersede
/// a stored reading, and adding it would chart the value twice. A person corrects the chart.</item>
/// </list>
/// </summary>
internal static class MllpVitalsMapping
{
    /// <summary>The readings of a message, and warnings (W) for what was received but not stored.</summary>
    public sealed record Mapped(IReadOnlyList<IncomingReading> Readings, IReadOnlyList<Hl7Error> Warnings);

    public static Mapped Map(DeviceObservationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var warnings = new List<Hl7Error>();
        var groups = new List<Group>();
        foreach (var o in batch.Observations.Where(o => o.Kind != VitalSignKind.PulseRate).Concat(batch.Observations.Where(o => o.Kind == VitalSignKind.PulseRate)))
        {
            if (o.Status == ObservationResultStatus.Corrected)
            {
                warnings.Add(Hl7Error.Warning(Hl7ErrorCode.TableValueNotFound, o.Source,
                    "Corrections (OBX-11 C) are not applied automatically; this value was not stored. Correct the chart by hand."));
                continue;
            }

            if (o.Kind == VitalSignKind.MeanArterial)
            {
                continue;
            }

            if (o.Kind == VitalSignKind.PulseRate)
            {
                // Pulse rate fills the heart rate only where no heart rate was sent for that instant.
                var target = groups.Find(g => g.At == o.ObservedAt && g.Values.HeartRatePerMin is null)
                             ?? (groups.Exists(g => g.At == o.ObservedAt) ? null : Add(groups, o.ObservedAt));
                if (target is not null)
                {
                    target.Values = target.Values with { HeartRatePerMin = Whole(o.Value) };
                }

                continue;
            }

            var group = groups.Find(g => g.At == o.ObservedAt && !g.Has(o.Kind)) ?? Add(groups, o.ObservedAt);
            group.Values = o.Kind switch
            {
                VitalSignKind.Systolic => group.Values with { SystolicMmHg = Whole(o.Value) },
                VitalSignKind.Diastolic => group.Values with { DiastolicMmHg = Whole(o.Value) },
                VitalSignKind.HeartRate => group.Values with { HeartRatePerMin = Whole(o.Value) },
                VitalSignKind.Spo2 => group.Values with { Spo2Percent = Whole(o.Value) },
                VitalSignKind.RespiratoryRate => group.Values with { RespiratoryRatePerMin = Whole(o.Value) },
                VitalSignKind.Temperature => group.Values with { TemperatureDeciCelsius = Whole(o.Value * 10m) },
                VitalSignKind.MeanArterial or VitalSignKind.PulseRate => group.Values,
            };
        }

        var ordered = groups.OrderBy(g => g.At).ThenBy(g => g.Order).ToList();
        var baseKey = batch.IdempotencyKey;
        var readings = ordered.Select((g, i) => new IncomingReading(
            ordered.Count == 1 ? Key(baseKey, null) : Key(baseKey, i + 1), g.At, g.Values)).ToList();
        return new Mapped(readings, warnings);
    }

    /// <summary>The per-reading idempotency key (at most <see cref="VitalsValidation.MaxIdempotencyKeyLength"/> characters).</summary>
    public static string Key(string messageKey, int? part)
    {
        ArgumentNullException.ThrowIfNull(messageKey);
        var suffix = part is { } n ? string.Create(CultureInfo.InvariantCulture, $"#{n}") : string.Empty;
        var key = messageKey + suffix;
        return key.Length <= VitalsValidation.MaxIdempotencyKeyLength && !key.Any(char.IsControl)
            ? key
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageKey))) + suffix;
    }

    private static int Whole(decimal value)
    {
        var rounded = decimal.Round(value, 0, MidpointRounding.AwayFromZero);
        // Far outside any vital sign: let the domain's range check refuse it with its own message.
        return rounded > int.MaxValue ? int.MaxValue : rounded < int.MinValue ? int.MinValue : (int)rounded;
    }

    private static Group Add(List<Group> groups, DateTimeOffset at)
    {
        var group = new Group(at, groups.Count);
        groups.Add(group);
        return group;
    }

    private sealed class Group(DateTimeOffset at, int order)
    {
        public DateTimeOffset At { get; } = at;
        public int Order { get; } = order;
        public VitalValues Values { get; set; } = new();

        public bool Has(VitalSignKind kind) => kind switch
        {
            VitalSignKind.Systolic => Values.SystolicMmHg is not null,
            VitalSignKind.Diastolic => Values.DiastolicMmHg is not null,
            VitalSignKind.HeartRate or VitalSignKind.PulseRate => Values.HeartRatePerMin is not null,
            VitalSignKind.Spo2 => Values.Spo2Percent is not null,
            VitalSignKind.RespiratoryRate => Values.RespiratoryRatePerMin is not null,
            VitalSignKind.Temperature => Values.TemperatureDeciCelsius is not null,
            VitalSignKind.MeanArterial => false,
        };
    }
}
