using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// In-session vital-sign alarms (clinical-spec §4.3) with the confirmation rule VS-CONF-01, the precedence rule
/// VS-PREC-01 and the configuration gate VS-CFG-01, and the monitoring schedule of §4.2. Pure: the caller passes the
/// reading and the open episodes, stores the returned episodes, and raises the returned alarms.
/// </summary>
public static class VitalsPolicy
{
    /// <summary>VS-BP-01 (WARN): 160 &lt; SBP ≤ 180 or 100 &lt; DBP ≤ 110.</summary>
    public static RuleId VsBp01 => "VS-BP-01";

    /// <summary>VS-BP-02 (ALERT): SBP &gt; 180 or DBP &gt; 110 and no target-organ symptom.</summary>
    public static RuleId VsBp02 => "VS-BP-02";

    /// <summary>VS-BP-03 (CRITICAL): SBP &gt; 180 or DBP &gt; 110 with a target-organ symptom.</summary>
    public static RuleId VsBp03 => "VS-BP-03";

    /// <summary>VS-SYM-01 (CRITICAL): any target-organ symptom at any BP.</summary>
    public static RuleId VsSym01 => "VS-SYM-01";

    /// <summary>VS-HR-01 (ALERT): HR &gt; 110 sustained.</summary>
    public static RuleId VsHr01 => "VS-HR-01";

    /// <summary>VS-HR-02 (ALERT): HR &lt; 50.</summary>
    public static RuleId VsHr02 => "VS-HR-02";

    /// <summary>VS-SPO2-01 (WARN): SpO₂ ≤ 92 % on room air or &lt; 94 % on O₂.</summary>
    public static RuleId VsSpo201 => "VS-SPO2-01";

    /// <summary>VS-SPO2-02 (CRITICAL): SpO₂ &lt; 90 %.</summary>
    public static RuleId VsSpo202 => "VS-SPO2-02";

    /// <summary>VS-RR-01 (CRITICAL): RR &lt; rrFloorPerMin or apnea ≥ apneaSec.</summary>
    public static RuleId VsRr01 => "VS-RR-01";

    /// <summary>VS-SED-01 (CRITICAL): MOAA/S ≤ 2 or not responding to voice.</summary>
    public static RuleId VsSed01 => "VS-SED-01";

    /// <summary>VS-PSY-01 (ALERT): severe emergence reaction, agitation or psychotic symptoms.</summary>
    public static RuleId VsPsy01 => "VS-PSY-01";

    /// <summary>VS-CONF-01: confirmation of WARN/ALERT readings; "sustained" for VS-HR-01.</summary>
    public static RuleId VsConf01 => "VS-CONF-01";

    /// <summary>VS-PREC-01: only the most severe matching rule of a family is raised; the others are logged as suppressed.</summary>
    public static RuleId VsPrec01 => "VS-PREC-01";

    /// <summary>VS-CFG-01 (BLOCK): no infusion starts while rrFloorPerMin or apneaSec is unset.</summary>
    public static RuleId VsCfg01 => "VS-CFG-01";

    /// <summary>Every in-session alarm rule, most severe first within each family.</summary>
    public static IReadOnlyList<RuleId> AlarmRules => [.. Catalog.All.Select(r => r.Id)];

    /// <summary>
    /// VS-CFG-01 (BLOCK): no infusion can be started while <c>rrFloorPerMin</c> or <c>apneaSec</c> is unset. Returns the
    /// BLOCK findings (empty when the infusion may start as far as this rule is concerned).
    /// </summary>
    public static IReadOnlyList<RuleFinding> CheckInfusionStart(ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var findings = new List<RuleFinding>();
        if (protocol.Vitals.RrFloorPerMin is null)
        {
            findings.Add(new RuleFinding(VsCfg01, Enforcement.Block, "VS-CFG-01: rrFloorPerMin (VS-RR-01) is unset in the clinic protocol; no infusion can start until it is set.", ["C"]));
        }

        if (protocol.Vitals.ApneaSec is null)
        {
            findings.Add(new RuleFinding(VsCfg01, Enforcement.Block, "VS-CFG-01: apneaSec (VS-RR-01) is unset in the clinic protocol; no infusion can start until it is set.", ["C"]));
        }

        return findings;
    }

    /// <summary>Severity of an in-session alarm rule.</summary>
    public static AlarmSeverity SeverityOf(RuleId rule) => Catalog.Get(rule).Severity;

    /// <summary>Family of an in-session alarm rule.</summary>
    public static VitalSignFamily FamilyOf(RuleId rule) => Catalog.Get(rule).Family;

    /// <summary>
    /// Evaluates one reading. Readings must be evaluated in <see cref="VitalsReading.TakenAt"/> order.
    /// </summary>
    /// <param name="reading">The new reading.</param>
    /// <param name="context">Phase, infusion instants and the open episodes from the previous evaluation.</param>
    /// <param name="protocol">Clinic protocol (<see cref="ClinicProtocol.Vitals"/>).</param>
    /// <exception cref="ArgumentException">An open episode is newer than the reading or names an unknown rule.</exception>
    public static VitalsEvaluation Evaluate(VitalsReading reading, VitalsContext context, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Vitals;
        var t = reading.TakenAt;
        var open = new Dictionary<RuleId, AlarmEpisode>();
        foreach (var episode in context.OpenEpisodes)
        {
            _ = Catalog.Get(episode.Rule);
            if (episode.LastCountedAt > t)
            {
                throw new ArgumentException(Text($"Reading at {t:O} is older than episode {episode.Rule} (last counted {episode.LastCountedAt:O}); evaluate readings in time order."), nameof(reading));
            }

            open[episode.Rule] = episode;
        }

        var alarms = new List<VitalSignAlarm>();
        var suppressed = new List<SuppressedRule>();
        var closed = new List<ClosedAlarmEpisode>();
        foreach (var family in Enum.GetValues<VitalSignFamily>())
        {
            var candidates = new List<(Catalog.Rule Rule, AlarmConfirmation How, DateTimeOffset FirstMetAt)>();
            var literal = new List<Catalog.Rule>();
            foreach (var rule in Catalog.All.Where(r => r.Family == family && AppliesIn(r, context.Phase)))
            {
                var met = Meets(rule.Kind, reading, p);
                if (MatchesLiterally(rule.Kind, reading, met, p))
                {
                    literal.Add(rule);
                }

                if (met == Tri.NotEvaluable)
                {
                    continue; // The reading says nothing about this rule: its episode stays as it was.
                }

                open.TryGetValue(rule.Id, out var episode);
                var step = Step(rule, episode, met == Tri.Met, t, p);
                if (step.Next is null)
                {
                    open.Remove(rule.Id);
                }
                else
                {
                    open[rule.Id] = step.Next;
                }

                if (step.Closed is not null)
                {
                    closed.Add(step.Closed);
                }

                if (step.RaiseAs is { } how)
                {
                    candidates.Add((rule, how, step.Next!.FirstMetAt));
                }
            }

            // VS-PREC-01: the most severe candidate is raised, unless an equally or more severe alarm of the family
            // is already active; every other matching rule is logged as suppressed.
            if (candidates.Count == 0)
            {
                continue;
            }

            var top = candidates.MaxBy(c => c.Rule.Rank);

            // Episodes already active before this reading (including those this reading could not evaluate).
            var activeTop = open.Values
                .Where(e => e.State == EpisodeState.Active && candidates.TrueForAll(c => c.Rule.Id != e.Rule))
                .Select(e => Catalog.Get(e.Rule))
                .Where(r => r.Family == family)
                .MaxBy(r => r.Rank);
            if (activeTop is not null && activeTop.Rank >= top.Rule.Rank)
            {
                suppressed.AddRange(candidates.Select(c => new SuppressedRule(c.Rule.Id, activeTop.Id)));
                continue;
            }

            var others = literal.Concat(candidates.Select(c => c.Rule))
                .Where(r => r.Id != top.Rule.Id)
                .Distinct()
                .OrderByDescending(r => r.Rank)
                .ToList();
            open[top.Rule.Id] = open[top.Rule.Id] with { AlarmRaised = true };
            alarms.Add(new VitalSignAlarm(
                top.Rule.Id,
                family,
                top.Rule.Severity,
                ActionsFor(top.Rule, context.Phase),
                t,
                top.FirstMetAt,
                top.How,
                [.. others.Select(r => r.Id)],
                top.Rule.Interpretation,
                Message(top.Rule, reading, top.How, top.FirstMetAt, p),
                protocol.Version));
        }

        var episodes = open.Values.OrderBy(e => Catalog.IndexOf(e.Rule)).ToList();
        return new VitalsEvaluation(alarms, suppressed, episodes, closed, ReadingsDue(reading, context, episodes, p), protocol.Version);
    }

    /// <summary>
    /// §4.2 routine schedule: the next q10 instant from t = 0 during the infusion (also while paused), the next q15
    /// instant from the end of the infusion in recovery; null before the infusion.
    /// </summary>
    public static DateTimeOffset? NextRoutineReading(MonitoringPhase phase, DateTimeOffset? infusionStartedAt, DateTimeOffset? infusionEndedAt, DateTimeOffset after, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Vitals;
        return phase switch
        {
            MonitoringPhase.PreInfusion => null,
            MonitoringPhase.Infusing or MonitoringPhase.Paused => NextOnGrid(infusionStartedAt ?? throw new ArgumentNullException(nameof(infusionStartedAt)), p.InfusionReadingIntervalMinutes, after),
            MonitoringPhase.Recovering => NextOnGrid(infusionEndedAt ?? throw new ArgumentNullException(nameof(infusionEndedAt)), p.RecoveryReadingIntervalMinutes, after),
        };
    }

    private static DateTimeOffset NextOnGrid(DateTimeOffset origin, int intervalMinutes, DateTimeOffset after)
    {
        if (after < origin)
        {
            return origin;
        }

        var interval = TimeSpan.FromMinutes(intervalMinutes);
        var steps = (after - origin).Ticks / interval.Ticks;
        return origin + (interval * (steps + 1));
    }

    private static List<ReadingDue> ReadingsDue(VitalsReading reading, VitalsContext context, List<AlarmEpisode> episodes, VitalsProtocol p)
    {
        var due = new List<ReadingDue>();
        if (context.Phase != MonitoringPhase.PreInfusion)
        {
            var routine = NextOnGrid(
                context.Phase == MonitoringPhase.Recovering ? context.InfusionEndedAt!.Value : context.InfusionStartedAt!.Value,
                context.Phase == MonitoringPhase.Recovering ? p.RecoveryReadingIntervalMinutes : p.InfusionReadingIntervalMinutes,
                reading.TakenAt);
            due.Add(new ReadingDue(
                routine,
                null,
                context.Phase == MonitoringPhase.Recovering ? ReadingDueReason.RoutineRecovery : ReadingDueReason.RoutineInfusion,
                null,
                null));
        }

        foreach (var episode in episodes)
        {
            var rule = Catalog.Get(episode.Rule);
            switch (episode.State)
            {
                case EpisodeState.AwaitingConfirmation when rule.Mode == Mode.Sustained:
                    due.Add(new ReadingDue(episode.FirstMetAt.AddMinutes(p.SustainedTachycardiaMinutes), null, ReadingDueReason.SustainedHeartRate, rule.Id, rule.Family));
                    break;
                case EpisodeState.AwaitingConfirmation:
                    due.Add(new ReadingDue(episode.FirstMetAt.AddMinutes(p.ConfirmationMinMinutes), episode.FirstMetAt.AddMinutes(p.ConfirmationMaxMinutes), ReadingDueReason.Confirmation, rule.Id, rule.Family));
                    break;
                case EpisodeState.AwaitingRecheck:
                    due.Add(new ReadingDue(episode.LastCountedAt.AddMinutes(p.UnconfirmedRecheckMinutes), null, ReadingDueReason.UnconfirmedRecheck, rule.Id, rule.Family));
                    break;
                case EpisodeState.Active when rule.Kind is Kind.Bp01 or Kind.Bp02 && context.Phase != MonitoringPhase.PreInfusion
                                              && !due.Exists(d => d.Reason == ReadingDueReason.IntensiveBp):
                    // §4.2: BP q5 min while VS-BP-01 or VS-BP-02 is active.
                    due.Add(new ReadingDue(episode.LastCountedAt.AddMinutes(p.IntensiveBpIntervalMinutes), null, ReadingDueReason.IntensiveBp, rule.Id, rule.Family));
                    break;
                case EpisodeState.Active:
                    break;
            }
        }

        return [.. due.OrderBy(d => d.At).ThenBy(d => d.Reason)];
    }

    private static bool AppliesIn(Catalog.Rule rule, MonitoringPhase phase) => phase switch
    {
        // Before the start the §2.3 gates decide; only emergencies (CRITICAL) raise in-session alarms.
        MonitoringPhase.PreInfusion => rule.Severity == AlarmSeverity.Critical,
        MonitoringPhase.Infusing or MonitoringPhase.Paused or MonitoringPhase.Recovering => true,
    };

    private readonly record struct StepResult(AlarmEpisode? Next, ClosedAlarmEpisode? Closed, AlarmConfirmation? RaiseAs);

    /// <summary>VS-CONF-01 as a state machine over one rule's episode.</summary>
    private static StepResult Step(Catalog.Rule rule, AlarmEpisode? episode, bool met, DateTimeOffset t, VitalsProtocol p)
    {
        if (episode is null)
        {
            if (!met)
            {
                return new StepResult(null, null, null);
            }

            return rule.Mode == Mode.Immediate
                ? new StepResult(new AlarmEpisode(rule.Id, EpisodeState.Active, t, t), null, AlarmConfirmation.FirstReading)
                : new StepResult(new AlarmEpisode(rule.Id, EpisodeState.AwaitingConfirmation, t, t), null, null);
        }

        if (episode.State == EpisodeState.Active)
        {
            return met
                ? new StepResult(episode with { LastCountedAt = t }, null, null)
                : new StepResult(null, new ClosedAlarmEpisode(rule.Id, EpisodeClosure.Cleared, episode.FirstMetAt, t, episode.AlarmRaised), null);
        }

        return rule.Mode switch
        {
            Mode.Sustained => StepSustained(rule, episode, met, t, p),
            Mode.Immediate => StepImmediate(rule, episode, met, t),
            Mode.Confirmed => StepConfirmed(rule, episode, met, t, p),
        };
    }

    private static StepResult StepSustained(Catalog.Rule rule, AlarmEpisode episode, bool met, DateTimeOffset t, VitalsProtocol p)
    {
        // VS-HR-01 "sustained" (VS-CONF-01): every value over ≥ 5 consecutive minutes above the threshold.
        if (!met)
        {
            return new StepResult(null, new ClosedAlarmEpisode(rule.Id, EpisodeClosure.Unconfirmed, episode.FirstMetAt, t, false), null);
        }

        return t - episode.FirstMetAt >= TimeSpan.FromMinutes(p.SustainedTachycardiaMinutes)
            ? new StepResult(episode with { State = EpisodeState.Active, LastCountedAt = t }, null, AlarmConfirmation.Sustained)
            : new StepResult(episode with { LastCountedAt = t }, null, null);
    }

    private static StepResult StepImmediate(Catalog.Rule rule, AlarmEpisode episode, bool met, DateTimeOffset t)
    {
        // An immediate rule never waits; an awaiting episode (from an older protocol) resolves at once.
        return met
            ? new StepResult(episode with { State = EpisodeState.Active, LastCountedAt = t }, null, AlarmConfirmation.FirstReading)
            : new StepResult(null, new ClosedAlarmEpisode(rule.Id, EpisodeClosure.Unconfirmed, episode.FirstMetAt, t, false), null);
    }

    private static StepResult StepConfirmed(Catalog.Rule rule, AlarmEpisode episode, bool met, DateTimeOffset t, VitalsProtocol p)
    {
        // A measurement sooner than the confirmation minimum after the episode's last counted reading is not
        // an independent repeat: the episode ignores it.
        if (t - episode.LastCountedAt < TimeSpan.FromMinutes(p.ConfirmationMinMinutes))
        {
            return new StepResult(episode, null, null);
        }

        if (episode.State == EpisodeState.AwaitingConfirmation)
        {
            if (met)
            {
                var late = t - episode.FirstMetAt > TimeSpan.FromMinutes(p.ConfirmationMaxMinutes);
                return new StepResult(
                    episode with { State = EpisodeState.Active, LastCountedAt = t },
                    null,
                    late ? AlarmConfirmation.ConfirmedLate : AlarmConfirmation.Confirmed);
            }

            // The repeat does not meet the condition: log the first reading as unconfirmed, measure once more.
            return new StepResult(episode with { State = EpisodeState.AwaitingRecheck, LastCountedAt = t, UnconfirmedAt = t }, null, null);
        }

        return met
            ? new StepResult(episode with { State = EpisodeState.Active, LastCountedAt = t }, null, AlarmConfirmation.ConfirmedOnRecheck)
            : new StepResult(null, new ClosedAlarmEpisode(rule.Id, EpisodeClosure.Unconfirmed, episode.FirstMetAt, t, false), null);
    }

    private enum Tri
    {
        NotEvaluable,
        NotMet,
        Met,
    }

    private static Tri Of(bool value) => value ? Tri.Met : Tri.NotMet;

    /// <summary>
    /// Whether the reading meets the rule's condition "or worse" in the same direction: this is what confirms,
    /// continues or clears an episode (so 185/100 still confirms VS-BP-01 found at 170/100).
    /// </summary>
    private static Tri Meets(Kind kind, VitalsReading r, VitalsProtocol p)
    {
        var bp = r.BloodPressure;
        var bpHigh = bp is { } b && (b.SystolicMmHg > p.PauseSystolicAboveMmHg || b.DiastolicMmHg > p.PauseDiastolicAboveMmHg);
        var targetOrgan = r.Symptoms?.HasTargetOrganSymptom();
        return kind switch
        {
            // VS-BP-01 (clinical-spec §4.3): 160 < SBP or 100 < DBP (the ≤ 180/110 upper edge hands over to VS-BP-02).
            Kind.Bp01 => bp is { } b1 ? Of(b1.SystolicMmHg > p.WarnSystolicAboveMmHg || b1.DiastolicMmHg > p.WarnDiastolicAboveMmHg) : Tri.NotEvaluable,

            // VS-BP-02: SBP > 180 or DBP > 110 (a symptomatic patient is caught by VS-BP-03 at once).
            Kind.Bp02 => bp is null ? Tri.NotEvaluable : Of(bpHigh),

            // VS-BP-03: (SBP > 180 or DBP > 110) AND a target-organ symptom; either part known to be absent rules it out.
            Kind.Bp03 => (bp, targetOrgan) switch
            {
                (not null, _) when !bpHigh => Tri.NotMet,
                (_, false) => Tri.NotMet,
                (not null, true) => Tri.Met,
                _ => Tri.NotEvaluable,
            },

            // VS-SYM-01: any target-organ symptom at any BP.
            Kind.Sym01 => targetOrgan is null ? Tri.NotEvaluable : Of(targetOrgan.Value),

            // VS-HR-01: HR > 110 (sustained is handled by the episode).
            Kind.Hr01 => r.HeartRate is { } hr1 ? Of(hr1.BeatsPerMin > p.TachycardiaAbovePerMin) : Tri.NotEvaluable,

            // VS-HR-02: HR < 50.
            Kind.Hr02 => r.HeartRate is { } hr2 ? Of(hr2.BeatsPerMin < p.BradycardiaBelowPerMin) : Tri.NotEvaluable,

            // VS-SPO2-01: SpO₂ ≤ 92 % on room air, or < 94 % on supplemental O₂.
            Kind.Spo201 => r.Spo2 is { } s1
                ? Of(s1.OnRoomAir ? s1.Percent <= p.Spo2WarnRoomAirAtOrBelowPercent : s1.Percent < p.Spo2WarnOnOxygenBelowPercent)
                : Tri.NotEvaluable,

            // VS-SPO2-02: SpO₂ < 90 % (acts at once; "despite stimulation" is in the actions, not a precondition).
            Kind.Spo202 => r.Spo2 is { } s2 ? Of(s2.Percent < p.Spo2CriticalBelowPercent) : Tri.NotEvaluable,

            // VS-RR-01: RR < rrFloorPerMin (strict) or apnea ≥ apneaSec; unset settings fall back to the spec defaults.
            Kind.Rr01 => r.RespiratoryRate is null && r.ApneaObservedSeconds is null
                ? Tri.NotEvaluable
                : Of(r.RespiratoryRate?.BreathsPerMin < (p.RrFloorPerMin ?? VitalsProtocol.SpecDefaultRrFloorPerMin)
                     || r.ApneaObservedSeconds >= (p.ApneaSec ?? VitalsProtocol.SpecDefaultApneaSec)),

            // VS-SED-01: MOAA/S ≤ 2, or not responding to voice.
            Kind.Sed01 => r.Moaas is null && r.RespondsToVoice is null
                ? Tri.NotEvaluable
                : Of(r.Moaas?.Score <= p.SedationMoaasAtOrBelow || r.RespondsToVoice == false),

            // VS-PSY-01: severe emergence reaction, agitation or psychotic symptoms.
            Kind.Psy01 => r.Symptoms is { } s ? Of(s.HasEmergenceReaction()) : Tri.NotEvaluable,
        };
    }

    /// <summary>
    /// The rule's condition exactly as the §4.3 table states it (bands included); used only to list suppressed
    /// rules (VS-PREC-01), so 190/122 lists no VS-BP-01 while 184/104 does (TV-32, TV-35).
    /// </summary>
    private static bool MatchesLiterally(Kind kind, VitalsReading r, Tri met, VitalsProtocol p) => kind switch
    {
        Kind.Bp01 => r.BloodPressure is { } b &&
            ((b.SystolicMmHg > p.WarnSystolicAboveMmHg && b.SystolicMmHg <= p.PauseSystolicAboveMmHg)
             || (b.DiastolicMmHg > p.WarnDiastolicAboveMmHg && b.DiastolicMmHg <= p.PauseDiastolicAboveMmHg)),
        Kind.Bp02 => met == Tri.Met && r.Symptoms?.HasTargetOrganSymptom() != true,
        Kind.Bp03 or Kind.Sym01 or Kind.Hr01 or Kind.Hr02 or Kind.Spo201 or Kind.Spo202 or Kind.Rr01 or Kind.Sed01 or Kind.Psy01 => met == Tri.Met,
    };

    private static List<AlarmAction> ActionsFor(Catalog.Rule rule, MonitoringPhase phase)
    {
        var actions = new List<AlarmAction>();
        foreach (var action in BaseActions(rule.Kind))
        {
            switch (action, phase)
            {
                // Infusion actions only make sense while there is an infusion to act on.
                case (AlarmAction.PauseInfusion or AlarmAction.ConsiderPausingInfusion, not MonitoringPhase.Infusing):
                    break;
                case (AlarmAction.StopInfusion, MonitoringPhase.PreInfusion):
                    actions.Add(AlarmAction.DoNotStartInfusion);
                    break;
                case (AlarmAction.StopInfusion or AlarmAction.ResumeOnlyOnPhysicianOrder, MonitoringPhase.PreInfusion or MonitoringPhase.Recovering):
                    break;
                default:
                    actions.Add(action);
                    break;
            }
        }

        return actions;
    }

    private static string Message(Catalog.Rule rule, VitalsReading r, AlarmConfirmation how, DateTimeOffset firstMetAt, VitalsProtocol p)
    {
        var values = rule.Family switch
        {
            VitalSignFamily.BloodPressure => string.Join(
                ", ",
                new[] { r.BloodPressure?.ToString(), r.Symptoms is { } s && s.HasTargetOrganSymptom() ? "symptoms: " + (s & ReportedSymptomsExtensions.TargetOrgan).ToString() : null }.OfType<string>()),
            VitalSignFamily.HeartRate => Text($"{r.HeartRate}"),
            VitalSignFamily.Oxygenation => Text($"{r.Spo2}"),
            VitalSignFamily.Respiration => string.Join(
                ", ",
                new[] { r.RespiratoryRate is { } rr ? Text($"RR {rr}") : null, r.ApneaObservedSeconds is { } a ? Text($"apnea {a} s") : null }.OfType<string>()),
            VitalSignFamily.Sedation => string.Join(
                ", ",
                new[] { r.Moaas?.ToString(), r.RespondsToVoice == false ? "not responding to voice" : null }.OfType<string>()),
            VitalSignFamily.Emergence => (r.Symptoms.GetValueOrDefault() & ReportedSymptomsExtensions.Emergence).ToString(),
        };
        var minutes = (r.TakenAt - firstMetAt).TotalMinutes;
        var confirmation = how switch
        {
            AlarmConfirmation.FirstReading => "on the first reading",
            AlarmConfirmation.Confirmed => Text($"confirmed {minutes:0.#} min after the first reading"),
            AlarmConfirmation.ConfirmedLate => Text($"confirmed late, {minutes:0.#} min after the first reading (window {p.ConfirmationMinMinutes}–{p.ConfirmationMaxMinutes} min)"),
            AlarmConfirmation.ConfirmedOnRecheck => "confirmed on the recheck after an unconfirmed repeat",
            AlarmConfirmation.Sustained => Text($"sustained for {minutes:0.#} min"),
        };
        return Text($"{rule.Id}: {Summary(rule.Kind)} ({values}), {confirmation}.");
    }

    /// <summary>The §4.3 action column in plain words.</summary>
    private static string Summary(Kind kind) => kind switch
    {
        Kind.Bp03 => "BP above 180/110 with a target-organ symptom: stop the infusion, emergency response (911 / ACLS), transfer",
        Kind.Sym01 => "target-organ symptom: stop the infusion, physician to the bedside now, evaluate for emergency transfer",
        Kind.Bp02 => "BP above 180/110, asymptomatic: pause the infusion, notify the physician, recheck every 5 min until SBP ≤ 180 and DBP ≤ 110; resume only on the physician's order",
        Kind.Bp01 => "BP in the 160–180 / 100–110 band: BP every 5 min, notify the nurse",
        Kind.Hr01 => "sustained HR above 110 /min: notify the physician, consider pausing",
        Kind.Hr02 => "HR below 50 /min: notify the physician",
        Kind.Spo202 => "SpO2 below 90 %: stop the infusion, give O2, airway support, call the physician",
        Kind.Spo201 => "SpO2 ≤ 92 % on room air or < 94 % on O2: stimulate, reposition the airway, recheck, consider O2",
        Kind.Rr01 => "RR below the floor or apnea: stop the infusion, airway management",
        Kind.Sed01 => "deep sedation (MOAA/S ≤ 2 or not responding to voice): stop the infusion, monitor the airway",
        Kind.Psy01 => "severe emergence reaction, agitation or psychotic symptoms: pause, lower stimulation, physician evaluation",
    };

    /// <summary>The §4.3 action column as structured actions, before adapting them to the phase.</summary>
    private static AlarmAction[] BaseActions(Kind kind) => kind switch
    {
        Kind.Bp03 => [AlarmAction.StopInfusion, AlarmAction.EmergencyResponse, AlarmAction.Transfer],
        Kind.Sym01 => [AlarmAction.StopInfusion, AlarmAction.PhysicianToBedside, AlarmAction.EvaluateForEmergencyTransfer],
        Kind.Bp02 => [AlarmAction.PauseInfusion, AlarmAction.NotifyPhysician, AlarmAction.RecheckQ5UntilBelow, AlarmAction.ResumeOnlyOnPhysicianOrder],
        Kind.Bp01 => [AlarmAction.IncreaseBpFrequencyQ5, AlarmAction.NotifyNurse],
        Kind.Hr01 => [AlarmAction.NotifyPhysician, AlarmAction.ConsiderPausingInfusion],
        Kind.Hr02 => [AlarmAction.NotifyPhysician],
        Kind.Spo202 => [AlarmAction.StopInfusion, AlarmAction.GiveOxygen, AlarmAction.AirwaySupport, AlarmAction.NotifyPhysician],
        Kind.Spo201 => [AlarmAction.Stimulate, AlarmAction.RepositionAirway, AlarmAction.Recheck, AlarmAction.ConsiderOxygen],
        Kind.Rr01 => [AlarmAction.StopInfusion, AlarmAction.AirwaySupport],
        Kind.Sed01 => [AlarmAction.StopInfusion, AlarmAction.MonitorAirway],
        Kind.Psy01 => [AlarmAction.PauseInfusion, AlarmAction.LowerStimulation, AlarmAction.PhysicianEvaluation],
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private enum Kind
    {
        Bp01,
        Bp02,
        Bp03,
        Sym01,
        Hr01,
        Hr02,
        Spo201,
        Spo202,
        Rr01,
        Sed01,
        Psy01,
    }

    private enum Mode
    {
        /// <summary>CRITICAL or stop-the-infusion: acts on the first reading.</summary>
        Immediate,

        /// <summary>WARN/ALERT: needs a confirming repeat (VS-CONF-01).</summary>
        Confirmed,

        /// <summary>VS-HR-01: sustained ≥ 5 min.</summary>
        Sustained,
    }

    /// <summary>The §4.3 table as data.</summary>
    private static class Catalog
    {
        public static readonly IReadOnlyList<Rule> All =
        [
            new(VsBp03, Kind.Bp03, VitalSignFamily.BloodPressure, AlarmSeverity.Critical, Mode.Immediate, 1, ObservationInterpretation.CriticalHigh),
            new(VsSym01, Kind.Sym01, VitalSignFamily.BloodPressure, AlarmSeverity.Critical, Mode.Immediate, 0, null),
            new(VsBp02, Kind.Bp02, VitalSignFamily.BloodPressure, AlarmSeverity.Alert, Mode.Confirmed, 0, ObservationInterpretation.High),
            new(VsBp01, Kind.Bp01, VitalSignFamily.BloodPressure, AlarmSeverity.Warn, Mode.Confirmed, 0, ObservationInterpretation.High),
            new(VsHr01, Kind.Hr01, VitalSignFamily.HeartRate, AlarmSeverity.Alert, Mode.Sustained, 0, ObservationInterpretation.High),
            new(VsHr02, Kind.Hr02, VitalSignFamily.HeartRate, AlarmSeverity.Alert, Mode.Confirmed, 0, ObservationInterpretation.Low),
            new(VsSpo202, Kind.Spo202, VitalSignFamily.Oxygenation, AlarmSeverity.Critical, Mode.Immediate, 0, ObservationInterpretation.CriticalLow),
            new(VsSpo201, Kind.Spo201, VitalSignFamily.Oxygenation, AlarmSeverity.Warn, Mode.Confirmed, 0, ObservationInterpretation.Low),
            new(VsRr01, Kind.Rr01, VitalSignFamily.Respiration, AlarmSeverity.Critical, Mode.Immediate, 0, ObservationInterpretation.CriticalLow),
            new(VsSed01, Kind.Sed01, VitalSignFamily.Sedation, AlarmSeverity.Critical, Mode.Immediate, 0, ObservationInterpretation.CriticalLow),

            // VS-PSY-01 is an ALERT whose action is "pause", not "stop"; it still acts on the first report, because an
            // observed emergence reaction is not a noisy device value that a repeat could refute (our decision).
            new(VsPsy01, Kind.Psy01, VitalSignFamily.Emergence, AlarmSeverity.Alert, Mode.Immediate, 0, null),
        ];

        public static Rule Get(RuleId id) =>
            All.FirstOrDefault(r => r.Id == id) ?? throw new ArgumentException(Text($"{id} is not an in-session alarm rule."), nameof(id));

        public static int IndexOf(RuleId id) => All.Select((r, i) => (r, i)).First(x => x.r.Id == id).i;

        /// <summary>One §4.3 rule. <see cref="Rank"/> orders severity, then specificity (VS-BP-03 over VS-SYM-01).</summary>
        public sealed record Rule(
            RuleId Id,
            Kind Kind,
            VitalSignFamily Family,
            AlarmSeverity Severity,
            Mode Mode,
            int Specificity,
            ObservationInterpretation? Interpretation)
        {
            public int Rank => ((int)Severity * 10) + Specificity;
        }
    }
}
