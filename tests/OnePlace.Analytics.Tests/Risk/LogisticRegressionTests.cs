using OnePlace.Analytics.Risk;

namespace OnePlace.Analytics.Tests.Risk;

/// <summary>The risk model's fitting and its performance measures, against closed forms and hand counts.</summary>
public sealed class LogisticRegressionTests
{
    [Fact]
    public void With_one_binary_predictor_the_fit_is_the_two_groups_log_odds_and_Woolf_s_standard_error()
    {
        // 2×2 table: exposed 30 of 100 had the outcome, unexposed 10 of 100.
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        void Add(double exposed, bool outcome, int count)
        {
            for (int i = 0; i < count; i++)
            {
                rows.Add([exposed]);
                outcomes.Add(outcome);
            }
        }

        Add(1, true, 30);
        Add(1, false, 70);
        Add(0, true, 10);
        Add(0, false, 90);

        var model = LogisticRegression.Fit(["exposed"], rows, outcomes);

        Assert.Equal(Math.Log(10.0 / 90), model.Intercept, 8);
        Assert.Equal(Math.Log(30.0 / 70 / (10.0 / 90)), model.Coefficients[0], 8);
        Assert.Equal(Math.Sqrt((1.0 / 30) + (1.0 / 70) + (1.0 / 10) + (1.0 / 90)), model.StandardErrors[0], 6);
        Assert.Equal(0.3, model.Predict([1]), 8);
    }

    [Fact]
    public void A_large_simulated_population_gives_back_the_coefficients_it_was_drawn_from()
    {
        var random = new Random(7);
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        for (int i = 0; i < 100_000; i++)
        {
            double age = random.NextDouble() * 4;
            double frail = random.Next(2);
            double eta = -3 + (0.6 * age) + (1.1 * frail);
            rows.Add([age, frail]);
            outcomes.Add(random.NextDouble() < 1 / (1 + Math.Exp(-eta)));
        }

        var model = LogisticRegression.Fit(["age", "frail"], rows, outcomes);

        Assert.InRange(model.Intercept, -3.08, -2.92);
        Assert.InRange(model.Coefficients[0], 0.57, 0.63);
        Assert.InRange(model.Coefficients[1], 1.05, 1.15);
    }

    [Fact]
    public void An_outcome_that_never_happens_cannot_be_modelled()
    {
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(["x"], [[1.0], [2.0]], [false, false]));
    }

    [Fact]
    public void The_area_under_the_curve_counts_correctly_ordered_pairs_and_ties_as_half()
    {
        Assert.Equal(0.75, ModelPerformance.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
        Assert.Equal(0.5, ModelPerformance.Auc([0.5, 0.5], [true, false]), 12);
        Assert.Equal(1.0, ModelPerformance.Auc([0.1, 0.9], [false, true]), 12);
    }

    [Fact]
    public void Calibration_bands_hold_equal_numbers_of_people_from_the_lowest_risk_up()
    {
        double[] predicted = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        bool[] outcomes = [false, false, false, false, true, false, true, true, true, true];

        var bands = ModelPerformance.Calibration(predicted, outcomes, bands: 2);

        Assert.Equal([5, 5], bands.Select(b => b.People));
        Assert.Equal(0.3, bands[0].MeanPredicted, 12);
        Assert.Equal(0.2, bands[0].Observed, 12);
        Assert.Equal(0.8, bands[1].MeanPredicted, 12);
        Assert.Equal(0.8, bands[1].Observed, 12);
    }
}
