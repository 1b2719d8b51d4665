using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Text;

/// <summary>Finds the identity of an encoder through the caching wrappers.</summary>
public static class EncoderIdentity
{
    /// <summary>"&lt;name&gt; sha256=&lt;model.onnx digest&gt;" for an ONNX encoder, the <see cref="IIdentifiedTextEncoder.Identity"/> of one that has it,
    /// else empty (the encoder is then recognised by its vectors only). <see cref="DiskCachedTextEncoder"/> and <see cref="MemoryCachedTextEncoder"/>
    /// are looked through.</summary>
    public static string Of(ITextEncoder encoder) => encoder switch
    {
        OnnxSentenceEncoder onnx => $"{onnx.Model.Name} sha256={onnx.Model.ModelSha256}",
        IIdentifiedTextEncoder identified => identified.Identity,
        DiskCachedTextEncoder disk => Of(disk.Inner),
        MemoryCachedTextEncoder memory => Of(memory.Inner),
        _ => "",
    };
}
