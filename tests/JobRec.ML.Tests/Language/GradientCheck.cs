namespace JobRec.ML.Tests.Language;

/// <summary>Compares analytic gradients with central finite differences of a loss computed in double.</summary>
internal static class GradientCheck
{
    public static void AssertMatches(string what, float[] values, float[] analytic, Func<double> loss, int maxChecks = 48, float eps = 1e-2f)
    {
        Assert.Equal(values.Length, analytic.Length);
        var rng = new Random(7);
        var indices = values.Length <= maxChecks ? Enumerable.Range(0, values.Length) : Enumerable.Range(0, maxChecks).Select(_ => rng.Next(values.Length));
        double diffSq = 0, sumSq = 0;
        int checkedCount = 0;
        foreach (int i in indices)
        {
            float v = values[i];
            values[i] = v + eps;
            double plus = loss();
            values[i] = v - eps;
            double minus = loss();
            values[i] = v;
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic[i];
            Assert.True(Math.Abs(a - numeric) <= 3e-3 + 3e-2 * Math.Max(Math.Abs(a), Math.Abs(numeric)),
                $"{what}[{i}]: analytic {a:G6} vs numeric {numeric:G6}");
            diffSq += (a - numeric) * (a - numeric);
            sumSq += (a + numeric) * (a + numeric);
            checkedCount++;
        }
        Assert.True(sumSq > 1e-12, $"{what}: all gradients are zero, the check proves nothing");
        Assert.True(Math.Sqrt(diffSq / sumSq) < 1e-2, $"{what}: relative error {Math.Sqrt(diffSq / sumSq):G3} over {checkedCount} entries");
    }

    public static float[] Random(int length, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var result = new float[length];
        for (int i = 0; i < length; i++) result[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return result;
    }

    public static double Dot(float[] a, float[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }
}
