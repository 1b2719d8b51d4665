namespace JobRec.Data.Synthetic;

/// <summary>SplitMix64 pseudo-random generator: a value type seeded from (seed, stream, index), so every entity is reproducible on its own.</summary>
public struct DeterministicRandom
{
    private ulong _state;

    /// <summary>A generator for entity <paramref name="index"/> of <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed, ulong stream, ulong index)
    {
        _state = Mix(seed ^ Mix(stream * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL) ^ Mix(index + 0x2545F4914F6CDD1DUL));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A standard normal deviate (Box-Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A standard Gumbel deviate (for sampling by perturbed utilities).</summary>
    public double NextGumbel() => -Math.Log(-Math.Log(1.0 - NextDouble() * 0.999999 - 0.0000005));

    /// <summary>A Poisson deviate with mean <paramref name="mean"/> (Knuth for small means, normal approximation above 30).</summary>
    public int NextPoisson(double mean)
    {
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * NextGaussian()));
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= NextDouble();
        } while (p > l);
        return k - 1;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
