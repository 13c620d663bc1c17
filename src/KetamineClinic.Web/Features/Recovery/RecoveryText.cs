using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>Words for the recovery screens, the discharge sheet and the escort's text.</summary>
public static class RecoveryText
{
    /// <summary>The instrument and variant(s) the protocol names (spec §5.2/§5.3: record which variant was used).</summary>
    public static string Variant(DischargeProtocol p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Instrument switch
        {
            DischargeInstrument.Padss => string.Create(CultureInfo.InvariantCulture, $"{Padss(p.PadssVariant)}, threshold ≥{p.PadssMinimumTotal}"),
            DischargeInstrument.ModifiedAldrete => $"Modified Aldrete, circulation {Circulation(p.AldreteCirculation)}, {Threshold(p.AldreteThreshold)}, consciousness = 2 for home discharge",
        };
    }

    public static string Padss(PadssVariant v) => v switch
    {
        PadssVariant.Padss => "PADSS",
        PadssVariant.ModifiedPadss => "Modified PADSS",
    };

    public static string Circulation(AldreteCirculationVariant v) => v switch
    {
        AldreteCirculationVariant.MillimetresOfMercury => "SBP ±20 mmHg / 21–49 / ≥50 of baseline",
        AldreteCirculationVariant.PercentOfBaseline => "SBP ±20 % / 20–49 % / ≥50 % of baseline",
    };

    public static string Threshold(AldreteThresholdVariant v) => v switch
    {
        AldreteThresholdVariant.NineOrMore => "threshold ≥9",
        AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo => "threshold ≥8 with respiration and SpO₂ each 2 (threshold-only variant)",
    };

    public static string Item(PadssItem item) => item switch
    {
        PadssItem.VitalSigns => "Vital signs",
        PadssItem.ActivityAndMentalStatus => "Activity/mental status",
        PadssItem.PainNauseaVomiting => "Pain/nausea/vomiting",
        PadssItem.Pain => "Pain",
        PadssItem.NauseaVomiting => "Nausea/vomiting",
        PadssItem.SurgicalBleeding => "Surgical bleeding",
        PadssItem.IntakeAndOutput => "Intake/output",
    };

    public static string Severity(PadssSeverity s) => s switch
    {
        PadssSeverity.Minimal => "Minimal (2)",
        PadssSeverity.Moderate => "Moderate, treated (1)",
        PadssSeverity.Severe => "Severe, needs treatment (0)",
    };

    public static string Activity(AldreteActivity a) => a switch
    {
        AldreteActivity.MovesFourExtremities => "Moves 4 extremities (2)",
        AldreteActivity.MovesTwoExtremities => "Moves 2 extremities (1)",
        AldreteActivity.MovesNoExtremities => "Moves no extremities (0)",
    };

    public static string Respiration(AldreteRespiration r) => r switch
    {
        AldreteRespiration.BreathesDeeplyAndCoughsFreely => "Breathes deeply, coughs freely (2)",
        AldreteRespiration.DyspneaOrShallowBreathing => "Dyspnea, shallow or limited breathing (1)",
        AldreteRespiration.Apneic => "Apneic (0)",
    };

    public static string Consciousness(AldreteConsciousness c) => c switch
    {
        AldreteConsciousness.FullyAwake => "Fully awake (2)",
        AldreteConsciousness.ArousableOnCalling => "Arousable on calling (1)",
        AldreteConsciousness.NotResponding => "Not responding (0)",
    };

    public static string Departure(DepartureKind kind) => kind switch
    {
        DepartureKind.Discharged => "Discharged",
        DepartureKind.LeftAgainstMedicalAdvice => "Left against medical advice",
        DepartureKind.EmergencyTransfer => "Emergency transfer",
    };

    /// <summary>The escort's text: no patient name or clinical detail beyond what the escort must know.</summary>
    public static string EscortSms(string siteName, string sitePhone) =>
        $"{siteName}: thank you for taking your companion home today. After today's treatment they must not drive or operate machinery until tomorrow after a night's sleep. Questions or concerns: call the clinic at {sitePhone}. In an emergency call 911; for a mental-health crisis call or text 988.";

    /// <summary>What to expect after ketamine (clinical-spec §5.4, seed article), in plain words for the discharge sheet.</summary>
    public static IReadOnlyList<string> WhatToExpect { get; } =
    [
        "Feeling sleepy, dizzy or unsteady for the rest of the day. Rest at home and have someone stay with you this evening.",
        "Feeling detached, dreamy or \"not quite yourself\", or seeing things differently. This usually fades within a few hours; vivid dreams can occasionally return during the next 24 hours.",
        "Headache, nausea or an upset stomach. Start with light food and plenty of water.",
        "Feeling anxious or restless, or a raised blood pressure for a few hours.",
    ];

    /// <summary>When to call the clinic (and when to call 911) after discharge.</summary>
    public static IReadOnlyList<string> WhenToCall { get; } =
    [
        "Call the clinic if nausea, vomiting, headache or dizziness does not improve by tomorrow morning, or if you are worried about how you feel.",
        "Call the clinic if confusion, strange perceptions or agitation come back or last longer than a day.",
        "Call 911 for chest pain, trouble breathing, a severe sudden headache, fainting, a seizure, weakness on one side, or changes in vision.",
    ];
}
