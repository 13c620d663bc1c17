using System.Globalization;
using System.Text.Json;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>DC-01 … DC-06 for one session at one instant: the domain's results, or why they could not be evaluated.</summary>
/// <param name="Rules">Every DC rule in order, with its pass/fail and reason (the domain's words).</param>
/// <param name="Decision">The domain decision, null when a baseline BP or a current BP is missing.</param>
/// <param name="EarliestDischargeAt">DC-01: end of infusion + the protocol's observation minutes; null before the infusion ended.</param>
/// <param name="ObservationMinutes">The protocol's minimum observation (DC-01).</param>
/// <param name="LastBpReadingId">The reading DC-03 looked at.</param>
public sealed record DischargeEvaluation(
    IReadOnlyList<DischargeRuleResult> Rules,
    DischargeDecision? Decision,
    DateTimeOffset? EarliestDischargeAt,
    int ObservationMinutes,
    Guid? LastBpReadingId)
{
    public bool MayDischarge => Decision?.MayDischarge == true;

    public IReadOnlyList<RuleFinding> BlockingFindings => [.. Rules.Select(r => r.Finding).OfType<RuleFinding>()];

    public string FailedRulesText => string.Join(" | ", Rules.Where(r => !r.Passed).Select(r => r.Reason));
}

/// <summary>
/// Gathers what DC-01 … DC-06 look at from the session's records and hands it to
/// <see cref="DischargePolicy.Evaluate"/>. No threshold lives here: the web layer only collects inputs.
/// </summary>
internal static class DischargeReadiness
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<DischargeEvaluation> EvaluateAsync(ClinicDbContext db, InfusionSession session, DateTimeOffset now, ClinicProtocol protocol, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocol);
        var observation = protocol.Discharge.MinPostInfusionObservationMinutes;
        if (session.InfusionEndedAt is not { } ended)
        {
            return new DischargeEvaluation([NotEvaluated(DischargePolicy.Dc01, "DC-01: the infusion has not ended.")], null, null, observation, null);
        }

        // DDI-CNS-01 is not recorded on sessions yet (interaction checks belong to the dosing work): no extension.
        const bool cns = false;
        var earliest = DischargePolicy.EarliestDischargeAt(ended, cns, protocol);
        var readings = await db.Set<VitalReading>().AsNoTracking().Where(r => r.SessionId == session.Id).OrderBy(r => r.TakenAt).ToListAsync(ct);
        var baseline = Baseline(readings, session, protocol);
        var last = readings.LastOrDefault(r => r.SystolicMmHg is not null && r.TakenAt >= ended);
        var at = now < ended ? ended : now;

        var score = await db.Set<DischargeScoreRecord>().AsNoTracking().Where(x => x.SessionId == session.Id)
            .OrderByDescending(x => x.AssessedAt).FirstOrDefaultAsync(ct);
        var escort = await db.Set<EscortHandOff>().AsNoTracking().Where(x => x.SessionId == session.Id)
            .OrderByDescending(x => x.HandedOffAt).FirstOrDefaultAsync(ct);
        var unresolved = await db.Set<VitalAlarm>().AsNoTracking().Where(a => a.SessionId == session.Id && a.State != AlarmState.Resolved)
            .Select(a => a.RuleId).ToListAsync(ct);
        var acknowledged = last is not null && await db.Set<BpDeviationAcknowledgement>().AnyAsync(x => x.SessionId == session.Id && x.ReadingId == last.Id, ct);
        var siFlag = await db.PatientFlags.AsNoTracking().AnyAsync(
            f => f.PatientId == session.PatientId && f.Kind == FlagKind.SuicideRisk && f.ClearedAt == null && f.RaisedAt >= session.CheckedInAt, ct);

        if (baseline is null || last is null)
        {
            var missing = baseline is null
                ? "no pre-infusion BP (baselineBP) is recorded for this session"
                : "no BP has been measured since the infusion ended";
            return new DischargeEvaluation(
            [
                at >= earliest
                    ? new DischargeRuleResult(DischargePolicy.Dc01, true, Text($"DC-01: {observation} min of observation completed at {Stamp(earliest)}."), ["C", "S4", "S5"])
                    : NotEvaluated(DischargePolicy.Dc01, Text($"DC-01: {observation} min of observation required after the infusion ended at {Stamp(ended)}; not before {Stamp(earliest)}.")),
                NotEvaluated(DischargePolicy.Dc02, $"DC-02: cannot be scored: {missing}."),
                NotEvaluated(DischargePolicy.Dc03, $"DC-03: cannot be evaluated: {missing}."),
                NotEvaluated(DischargePolicy.Dc04, "DC-04: waiting for the discharge assessment."),
                NotEvaluated(DischargePolicy.Dc05, "DC-05: waiting for the discharge assessment."),
                NotEvaluated(DischargePolicy.Dc06, "DC-06: waiting for the discharge assessment."),
            ], null, earliest, observation, last?.Id);
        }

        var assessment = new DischargeAssessment
        {
            DischargeAt = at,
            InfusionEndedAt = ended,
            CnsDepressantInteraction = cns,
            Baseline = baseline,
            LastReading = ToDomain(last),
            BpDeviationAcknowledgedByPhysician = acknowledged,
            UnresolvedAlarms = [.. unresolved.Select(r => new RuleId(r))],
            Aldrete = score?.Instrument == DischargeInstrument.ModifiedAldrete ? JsonSerializer.Deserialize<AldreteObservations>(score.AnswersJson, Json) : null,
            Padss = score?.Instrument == DischargeInstrument.Padss ? JsonSerializer.Deserialize<PadssObservations>(score.AnswersJson, Json) : null,
            Attestation = score is null ? null : new ClinicianAttestation(score.DissociationResolved, score.SedationResolved, score.NoNewPsychoticSymptoms),
            // An uncleared suicide-risk flag raised during this encounter blocks DC-05 until a clinician reviews and clears it.
            HighestSuicideRiskLevel = siFlag ? SuicideRiskLevel.SI1 : SuicideRiskLevel.None,
            EscortDocumented = escort is not null,
            NoDrivingInstructionGiven = escort?.NoDrivingInstructionGiven == true,
        };
        var decision = DischargePolicy.Evaluate(assessment, protocol);
        return new DischargeEvaluation(decision.Rules, decision, decision.EarliestDischargeAt, observation, last.Id);
    }

    /// <summary>
    /// baselineBP (DC-03, §2.3): the pre-infusion gate's deciding reading, from the first pre-infusion BP and its
    /// repeat; when the gate is still awaiting its repeat, the latest pre-infusion BP.
    /// </summary>
    public static VitalsBaseline? Baseline(IReadOnlyList<VitalReading> readings, InfusionSession session, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(session);
        if (session.InfusionStartedAt is not { } start)
        {
            return null;
        }

        var pre = readings.Where(r => r.TakenAt <= start && r.SystolicMmHg is not null).OrderBy(r => r.TakenAt).ToList();
        if (pre.Count == 0)
        {
            return null;
        }

        var gate = PreInfusionGate.Evaluate(ToDomain(pre[0]), pre.Count > 1 ? ToDomain(pre[1]) : null, start, protocol);
        if (gate is PreInfusionGateDecision.Decided decided)
        {
            return decided.Baseline;
        }

        var latest = ToDomain(pre[^1]);
        return new VitalsBaseline(latest.BloodPressure!.Value, latest.HeartRate, latest.RespiratoryRate, latest.Temperature, latest.TakenAt);
    }

    public static VitalsReading ToDomain(VitalReading r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new VitalsReading(
            r.TakenAt,
            r.SystolicMmHg is { } sbp && r.DiastolicMmHg is { } dbp ? new BloodPressure(sbp, dbp) : null,
            r.HeartRatePerMin is { } hr ? new HeartRate(hr) : null,
            r.Spo2Percent is { } spo2 ? new Spo2(spo2, r.OnOxygen == true ? OxygenSupport.SupplementalOxygen : OxygenSupport.RoomAir) : null,
            r.RespiratoryRatePerMin is { } rr ? new RespiratoryRate(rr) : null,
            r.TemperatureDeciCelsius is { } t ? new BodyTemperature(t / 10m) : null);
    }

    private static DischargeRuleResult NotEvaluated(RuleId rule, string reason) => new(rule, false, reason, ["C"]);

    private static string Stamp(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
