// CliRunner swaps the process's console writers for each command: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
