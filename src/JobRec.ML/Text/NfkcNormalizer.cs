using System.Runtime.InteropServices;
using System.Text;

namespace JobRec.ML.Text;

/// <summary>Unicode NFKC normalisation that works even with invariant globalisation, through the system ICU (libicuuc) when present.</summary>
/// <remarks>.NET's <see cref="string.Normalize(NormalizationForm)"/> is a no-op under InvariantGlobalization, but the reference
/// tokenizer NFKC-normalises its input (no-break space to space, ligatures, full-width forms), so ICU is called directly.</remarks>
public static unsafe class NfkcNormalizer
{
    private static readonly delegate* unmanaged<int*, nint> GetInstance;
    private static readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> Normalize;
    private static readonly nint Instance;

    static NfkcNormalizer()
    {
        for (int version = 90; version >= 50 && Instance == 0; version--)
        {
            if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out var lib)) continue;
            if (!NativeLibrary.TryGetExport(lib, $"unorm2_getNFKCInstance_{version}", out var get) ||
                !NativeLibrary.TryGetExport(lib, $"unorm2_normalize_{version}", out var norm)) continue;
            GetInstance = (delegate* unmanaged<int*, nint>)get;
            Normalize = (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)norm;
            int error = 0;
            var instance = GetInstance(&error);
            if (error <= 0) Instance = instance;
        }
    }

    /// <summary>True when ICU was found, so non-ASCII text is normalised exactly.</summary>
    public static bool UsesIcu => Instance != 0;

    /// <summary>Returns the NFKC form of <paramref name="text"/>.</summary>
    /// <exception cref="InvalidOperationException">ICU reported an error for this text.</exception>
    public static string ToNfkc(string text)
    {
        bool ascii = true;
        foreach (var ch in text) if (ch > 0x7F) { ascii = false; break; }
        if (ascii) return text;
        if (Instance == 0) return text.Normalize(NormalizationForm.FormKC);
        int capacity = text.Length * 2 + 16;
        while (true)
        {
            var buffer = new char[capacity];
            int error = 0, length;
            fixed (char* src = text) fixed (char* dst = buffer)
                length = Normalize(Instance, src, text.Length, dst, capacity, &error);
            const int bufferOverflow = 15;
            if (error == bufferOverflow) { capacity = length + 16; continue; }
            if (error > 0) throw new InvalidOperationException($"ICU NFKC normalisation failed with error code {error} for text of length {text.Length}");
            return new string(buffer, 0, length);
        }
    }
}
