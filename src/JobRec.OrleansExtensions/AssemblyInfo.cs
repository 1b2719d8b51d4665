// JobRec.OrleansExtensions: see docs/ARCHITECTURE.md for what this project holds.
