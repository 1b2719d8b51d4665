using JobRec.Data.Model;

namespace JobRec.ML.Search;

/// <summary>A job found by a search with its relevance score (cosine of query and job embeddings, plus the lexical boost).</summary>
public sealed record JobSearchHit(JobPosting Job, float Score);
