using System.Globalization;

namespace OnePlace.Web.Features.Outcomes.Charts;

/// <summary>A linear scale from data to SVG units, with round tick values.</summary>
public sealed class ChartScale
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _from;
    private readonly double _to;

    public ChartScale(double min, double max, double from, double to)
    {
        if (!(max > min))
        {
            (min, max) = (min - 1, max + 1);
        }

        double pad = (max - min) * 0.05;
        (_min, _max, _from, _to) = (min - pad, max + pad, from, to);
    }

    public double this[double value] => _from + ((value - _min) / (_max - _min) * (_to - _from));

    /// <summary>Whether the value falls inside the drawn range.</summary>
    public bool Contains(double value) => value >= _min && value <= _max;

    /// <summary>Up to five round values within the range.</summary>
    public IEnumerable<double> Ticks()
    {
        double raw = (_max - _min) / 4;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (double t = Math.Ceiling(_min / step) * step; t <= _max; t += step)
        {
            yield return t;
        }
    }

    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Label(double value) => value.ToString(Math.Abs(value) >= 100 ? "#,0" : "#,0.#", CultureInfo.CurrentCulture);
}
