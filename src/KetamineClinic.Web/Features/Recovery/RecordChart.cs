using System.Globalization;
using KetamineClinic.Web.Features.Infusions;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>
/// Geometry of the session record's vital-signs chart, drawn as server-rendered SVG (no chart script): one time axis,
/// one value axis (0 to the largest value, at least 200) for SBP, DBP, HR, SpO₂ and RR, events as dashed verticals
/// and alarms as dots.
/// </summary>
public sealed class RecordChart
{
    public const int Width = 800;
    public const int Height = 300;
    public const int Left = 40;
    public const int Right = 10;
    public const int Top = 20;
    public const int Bottom = 30;

    private readonly DateTimeOffset _from;
    private readonly double _seconds;

    public RecordChart(SessionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var times = record.Readings.Select(r => r.TakenAt)
            .Concat(Marks(record).Select(m => m.At))
            .Append(record.Session.CheckedInAt)
            .ToList();
        _from = times.Min();
        var to = times.Max();
        _seconds = Math.Max(60, (to - _from).TotalSeconds);
        var values = record.Readings.SelectMany(r => new[] { r.SystolicMmHg, r.DiastolicMmHg, r.HeartRatePerMin, r.Spo2Percent, r.RespiratoryRatePerMin }).OfType<int>().ToList();
        MaxValue = Math.Max(200, values.Count == 0 ? 0 : ((values.Max() / 20) + 1) * 20);
        Series =
        [
            new("SBP", "sbp", Line(record.Readings, r => r.SystolicMmHg)),
            new("DBP", "dbp", Line(record.Readings, r => r.DiastolicMmHg)),
            new("HR", "hr", Line(record.Readings, r => r.HeartRatePerMin)),
            new("SpO₂", "spo2", Line(record.Readings, r => r.Spo2Percent)),
            new("RR", "rr", Line(record.Readings, r => r.RespiratoryRatePerMin)),
        ];
        EventLines = [.. Marks(record).Select(m => (X(m.At), m.Label))];
        AlarmDots = [.. record.Alarms.Select(a => (X(a.EventTime), a.RuleId, a.Severity.ToString()))];
        GridValues = [.. Enumerable.Range(0, (MaxValue / 40) + 1).Select(i => i * 40)];
        From = _from;
        To = to;
    }

    public int MaxValue { get; }
    public DateTimeOffset From { get; }
    public DateTimeOffset To { get; }
    public IReadOnlyList<(string Label, string Css, string Points)> Series { get; }
    public IReadOnlyList<(double X, string Label)> EventLines { get; }
    public IReadOnlyList<(double X, string Rule, string Severity)> AlarmDots { get; }
    public IReadOnlyList<int> GridValues { get; }

    public double X(DateTimeOffset at) => Left + ((at - _from).TotalSeconds / _seconds * (Width - Left - Right));

    public double Y(int value) => Top + ((1 - ((double)value / MaxValue)) * (Height - Top - Bottom));

    /// <summary>An SVG text element (Razor reserves the &lt;text&gt; tag), with the text HTML-encoded.</summary>
    public static Microsoft.AspNetCore.Components.MarkupString Label(double x, double y, string text) =>
        new($"<text x=\"{F(x)}\" y=\"{F(y)}\">{System.Net.WebUtility.HtmlEncode(text)}</text>");

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Check-in, start, pauses and resumes, end, ready, discharge/abort: the record's time marks.</summary>
    public static IReadOnlyList<(DateTimeOffset At, string Label)> Marks(SessionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var s = record.Session;
        var marks = new List<(DateTimeOffset, string)> { (s.CheckedInAt, "Check-in") };
        Add(marks, s.PreChecksStartedAt, "Pre-checks");
        Add(marks, s.InfusionStartedAt, "Start");
        foreach (var (start, end) in record.Pauses)
        {
            marks.Add((start, "Pause"));
            Add(marks, end, "Resume");
        }

        Add(marks, s.InfusionEndedAt, "End / recovery");
        Add(marks, s.ReadyForDischargeAt, "Ready");
        Add(marks, s.DischargedAt, "Discharged");
        Add(marks, s.AbortedAt, "Closed");
        return marks;
    }

    private static void Add(List<(DateTimeOffset, string)> marks, DateTimeOffset? at, string label)
    {
        if (at is { } t)
        {
            marks.Add((t, label));
        }
    }

    private string Line(IEnumerable<VitalReading> readings, Func<VitalReading, int?> value) =>
        string.Join(' ', readings.Where(r => value(r) is not null).Select(r => F(X(r.TakenAt)) + "," + F(Y(value(r)!.Value))));
}
