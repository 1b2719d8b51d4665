using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace JobRec.ML.Text.Onnx;

/// <summary>Removes accents the way uncased BERT does (canonical decomposition, NFD, then dropping non-spacing marks), also under
/// invariant globalisation, where .NET's <see cref="string.Normalize(NormalizationForm)"/> leaves text unchanged: ICU (libicuuc) is called directly.</summary>
public static unsafe class AccentStripper
{
    private static readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> Normalize;
    private static readonly nint Instance;

    static AccentStripper()
    {
        for (int version = 90; version >= 50 && Instance == 0; version--)
        {
            if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out var lib)) continue;
            if (!NativeLibrary.TryGetExport(lib, $"unorm2_getNFDInstance_{version}", out var get) ||
                !NativeLibrary.TryGetExport(lib, $"unorm2_normalize_{version}", out var norm)) continue;
            int error = 0;
            var instance = ((delegate* unmanaged<int*, nint>)get)(&error);
            if (error > 0) continue;
            Normalize = (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)norm;
            Instance = instance;
        }
    }

    /// <summary>True when ICU was found (otherwise .NET's normaliser is used, which is exact only without invariant globalisation).</summary>
    public static bool UsesIcu => Instance != 0;

    /// <summary><paramref name="text"/> without accents: "Café Résumé" gives "Cafe Resume"; ASCII text is returned as is.</summary>
    /// <exception cref="InvalidOperationException">ICU reported an error for this text.</exception>
    public static string Strip(string text)
    {
        bool ascii = true;
        foreach (var ch in text) if (ch > 0x7F) { ascii = false; break; }
        if (ascii) return text;
        var decomposed = Instance == 0 ? text.Normalize(NormalizationForm.FormD) : Decompose(text);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        return sb.ToString();
    }

    private static string Decompose(string text)
    {
        int capacity = text.Length * 3 + 16;
        while (true)
        {
            var buffer = new char[capacity];
            int error = 0, length;
            fixed (char* src = text) fixed (char* dst = buffer)
                length = Normalize(Instance, src, text.Length, dst, capacity, &error);
            const int bufferOverflow = 15;
            if (error == bufferOverflow) { capacity = length + 16; continue; }
            if (error > 0) throw new InvalidOperationException($"ICU NFD normalisation failed with error code {error} for text of length {text.Length}");
            return new string(buffer, 0, length);
        }
    }
}
