using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Corpus;

namespace JobRec.Evaluation.Qa;

/// <summary>Stand-in retrieval for QA evaluation: ranks postings by the IDF-weighted overlap of question tokens with title, company and location tokens.</summary>
public sealed class LexicalPostingRetriever
{
    private readonly IReadOnlyList<PostingFacts> _postings;
    private readonly Dictionary<string, List<int>> _postingsByToken = [];
    private readonly Dictionary<string, double> _idf = [];

    /// <summary>Indexes <paramref name="postings"/>.</summary>
    public LexicalPostingRetriever(IReadOnlyList<PostingFacts> postings)
    {
        _postings = postings;
        for (int i = 0; i < postings.Count; i++)
        {
            var p = postings[i];
            foreach (var token in AnswerTokens.Of($"{p.Title} {p.Company} {p.Location}").Distinct())
            {
                if (!_postingsByToken.TryGetValue(token, out var list)) _postingsByToken[token] = list = [];
                list.Add(i);
            }
        }
        foreach (var (token, list) in _postingsByToken) _idf[token] = Math.Log(1 + (double)postings.Count / list.Count);
    }

    /// <summary>The <paramref name="k"/> best postings for <paramref name="question"/>, best first (ties keep index order).</summary>
    public IReadOnlyList<PostingFacts> Retrieve(string question, int k)
    {
        var scores = new Dictionary<int, double>();
        foreach (var token in AnswerTokens.Of(question).Distinct())
        {
            if (!_postingsByToken.TryGetValue(token, out var list)) continue;
            double w = _idf[token];
            foreach (int i in list) scores[i] = scores.GetValueOrDefault(i) + w;
        }
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(k).Select(s => _postings[s.Key]).ToList();
    }
}
