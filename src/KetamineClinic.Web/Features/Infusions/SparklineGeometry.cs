using System.Globalization;
using System.Text;

namespace KetamineClinic.Web.Features.Infusions;

public static class SparklineGeometry
{
    /// <summary>Polyline points for the values, left to right, highest value at the top; a flat series is drawn mid-height.</summary>
    public static string Points(IReadOnlyList<int> values, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return string.Empty;
        }

        const double margin = 2;
        var (min, max) = (values.Min(), values.Max());
        var span = max - min;
        var step = (width - (2 * margin)) / (values.Count - 1);
        var sb = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var x = margin + (i * step);
            var y = span == 0 ? height / 2d : margin + ((max - values[i]) * (height - (2 * margin)) / span);
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
