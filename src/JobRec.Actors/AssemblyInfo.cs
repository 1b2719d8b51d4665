// JobRec.Actors: see docs/ARCHITECTURE.md for what this project holds.
