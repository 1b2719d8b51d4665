// JobRec.Client: see docs/ARCHITECTURE.md for what this project holds.
