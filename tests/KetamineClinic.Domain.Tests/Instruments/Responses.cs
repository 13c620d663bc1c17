using System.Globalization;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Instruments;

/// <summary>Builds questionnaire responses for tests (synthetic data only).</summary>
internal static class Responses
{
    /// <summary>Items numbered "1".."n" in order; a null leaves the item unanswered.</summary>
    public static Dictionary<string, ItemAnswer> Numbered(params int?[] values)
    {
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                answers[(i + 1).ToString(CultureInfo.InvariantCulture)] = v;
            }
        }

        return answers;
    }

    /// <summary>A C-SSRS screener response; a null leaves the question unanswered.</summary>
    public static Dictionary<string, ItemAnswer> Cssrs(
        bool? q1 = null,
        bool? q2 = null,
        bool? q3 = null,
        bool? q4 = null,
        bool? q5 = null,
        bool? q6 = null,
        bool? q6a = null)
    {
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);
        void Put(string linkId, bool? value)
        {
            if (value is { } v)
            {
                answers[linkId] = v;
            }
        }

        Put("1", q1);
        Put("2", q2);
        Put("3", q3);
        Put("4", q4);
        Put("5", q5);
        Put("6", q6);
        Put("6a", q6a);
        return answers;
    }

    public static InstrumentResult Score(string instrumentId, Dictionary<string, ItemAnswer> answers, ClinicProtocol? protocol = null) =>
        InstrumentCatalog.Score(instrumentId, answers, protocol ?? ClinicProtocol.Default);

    public static InstrumentResult.Scored Scored(string instrumentId, params int?[] values) =>
        Assert.IsType<InstrumentResult.Scored>(Score(instrumentId, Numbered(values)));

    /// <summary>Whole-number answers for <paramref name="maxima"/>.Length items summing to <paramref name="total"/>.</summary>
    public static int?[] SummingTo(int total, IReadOnlyList<int> maxima)
    {
        var values = new int?[maxima.Count];
        var left = total;
        for (var i = 0; i < maxima.Count; i++)
        {
            var v = Math.Min(left, maxima[i]);
            values[i] = v;
            left -= v;
        }

        Assert.Equal(0, left);
        return values;
    }

    public static int?[] SummingTo(int total, int itemCount, int itemMax) =>
        SummingTo(total, Enumerable.Repeat(itemMax, itemCount).ToArray());
}
