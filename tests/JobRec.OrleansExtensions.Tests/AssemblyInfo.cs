// The grain tests and the benchmark smoke each start Orleans silos; run them one class at a time so their timing does not depend on each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
