using MathNet.Numerics.LinearAlgebra;

namespace OnePlace.Analytics.Risk;

/// <summary>A fitted logistic regression: an intercept and one coefficient per named predictor, with standard errors,
/// shown as they are so that anyone can see what drives a person's risk.</summary>
public sealed record LogisticModel(double Intercept, IReadOnlyList<string> Predictors, IReadOnlyList<double> Coefficients, IReadOnlyList<double> StandardErrors, int Iterations)
{
    /// <summary>The predicted probability for one person's predictor values (in the order of <see cref="Predictors"/>).</summary>
    public double Predict(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Coefficients.Count)
        {
            throw new ArgumentException($"Expected {Coefficients.Count} predictor values, got {values.Count}.", nameof(values));
        }

        double eta = Intercept;
        for (int j = 0; j < values.Count; j++)
        {
            eta += Coefficients[j] * values[j];
        }

        return 1 / (1 + Math.Exp(-eta));
    }
}

/// <summary>
/// Logistic regression by maximum likelihood, fitted by iteratively reweighted least squares (Newton–Raphson; McCullagh
/// &amp; Nelder 1989, §4.4), the method of R's <c>glm(family = binomial)</c>, with the same convergence test on the
/// deviance (relative change below 1e-8).
/// </summary>
public static class LogisticRegression
{
    public const int MaximumIterations = 50;

    /// <param name="predictors">The predictors' names.</param>
    /// <param name="rows">One row of predictor values per person.</param>
    /// <param name="outcomes">Whether each person had the outcome.</param>
    /// <exception cref="ArgumentException">Rows and outcomes differ in number, a row has the wrong width, or the outcome
    /// never or always happens (no model can be fitted).</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge (e.g. a predictor separates the outcome).</exception>
    public static LogisticModel Fit(IReadOnlyList<string> predictors, IReadOnlyList<double[]> rows, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(predictors);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (rows.Count != outcomes.Count || rows.Any(r => r.Length != predictors.Count))
        {
            throw new ArgumentException("Each person needs one value per predictor and an outcome.", nameof(rows));
        }

        int events = outcomes.Count(o => o);
        if (events == 0 || events == outcomes.Count)
        {
            throw new ArgumentException("The outcome must happen to some people and not to others.", nameof(outcomes));
        }

        int n = rows.Count;
        int p = predictors.Count + 1;
        var beta = new double[p];
        double deviance = double.MaxValue;
        for (int iteration = 1; iteration <= MaximumIterations; iteration++)
        {
            // Newton step: (XᵀWX) δ = Xᵀ(y − μ), accumulated row by row so that a million people need no n×n matrix.
            var information = Information(beta, rows, p);
            var score = Vector<double>.Build.Dense(p);
            for (int i = 0; i < n; i++)
            {
                double residual = (outcomes[i] ? 1 : 0) - Probability(beta, rows[i]);
                score[0] += residual;
                for (int j = 1; j < p; j++)
                {
                    score[j] += rows[i][j - 1] * residual;
                }
            }

            var step = information.Cholesky().Solve(score);
            for (int j = 0; j < p; j++)
            {
                beta[j] += step[j];
            }

            double next = Deviance(beta, rows, outcomes);
            if (Math.Abs(next - deviance) / (Math.Abs(next) + 0.1) < 1e-8)
            {
                // Standard errors from the information at the estimate itself.
                var covariance = Information(beta, rows, p).Inverse();
                return new LogisticModel(beta[0], [.. predictors], [.. beta.Skip(1)], [.. Enumerable.Range(1, p - 1).Select(j => Math.Sqrt(covariance[j, j]))], iteration);
            }

            deviance = next;
        }

        throw new InvalidOperationException($"The model did not converge in {MaximumIterations} iterations; a predictor may separate the outcome completely.");
    }

    /// <summary>XᵀWX with W = μ(1 − μ), the intercept's column of ones included.</summary>
    private static Matrix<double> Information(double[] beta, IReadOnlyList<double[]> rows, int p)
    {
        var information = Matrix<double>.Build.Dense(p, p);
        foreach (var row in rows)
        {
            double mu = Probability(beta, row);
            double w = mu * (1 - mu);
            for (int j = 0; j < p; j++)
            {
                double xj = j == 0 ? 1 : row[j - 1];
                for (int k = 0; k <= j; k++)
                {
                    information[j, k] += w * xj * (k == 0 ? 1 : row[k - 1]);
                }
            }
        }

        for (int j = 0; j < p; j++)
        {
            for (int k = j + 1; k < p; k++)
            {
                information[j, k] = information[k, j];
            }
        }

        return information;
    }

    private static double Probability(double[] beta, double[] row)
    {
        double eta = beta[0];
        for (int j = 0; j < row.Length; j++)
        {
            eta += beta[j + 1] * row[j];
        }

        return 1 / (1 + Math.Exp(-eta));
    }

    private static double Deviance(double[] beta, IReadOnlyList<double[]> rows, IReadOnlyList<bool> outcomes)
    {
        double deviance = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            double eta = beta[0];
            for (int j = 0; j < rows[i].Length; j++)
            {
                eta += beta[j + 1] * rows[i][j];
            }

            // log(1 + e^η) computed stably for large |η|.
            double softplus = eta > 0 ? eta + Math.Log(1 + Math.Exp(-eta)) : Math.Log(1 + Math.Exp(eta));
            deviance += 2 * (softplus - (outcomes[i] ? eta : 0));
        }

        return deviance;
    }
}
