using JobRec.Data.Parquet.Schema;

namespace JobRec.Data.Parquet.Reading;

/// <summary>Rebuilds nested records (structs, lists, maps) from the definition and repetition levels of a row group's leaf columns (Dremel record assembly).</summary>
/// <remarks>Lists come back as <see cref="List{T}"/> of object?, maps as a list of key/value pairs, structs as an ordered <see cref="Dictionary{TKey,TValue}"/>.</remarks>
internal sealed class RecordAssembler
{
    private readonly string _filePath;
    private readonly long _rowGroupOffset;
    private readonly Dictionary<ParquetSchemaNode, LeafCursor[]> _leaves = [];
    private readonly Dictionary<int, LeafCursor> _cursors = [];

    public RecordAssembler(IEnumerable<ColumnChunkData> columns, string filePath, long rowGroupOffset)
    {
        _filePath = filePath;
        _rowGroupOffset = rowGroupOffset;
        foreach (var c in columns)
        {
            _cursors[c.Column.ColumnIndex] = new LeafCursor(c, Error);
        }
    }

    /// <summary>Reads the next row's values of <paramref name="fields"/> (top-level fields).</summary>
    public object?[] ReadRow(IReadOnlyList<ParquetSchemaNode> fields, long rowIndex)
    {
        var row = new object?[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            foreach (var leaf in Leaves(fields[i]))
            {
                if (leaf.AtEnd)
                {
                    throw Error($"column {leaf.Data.Column.Path} ends before row {rowIndex}");
                }

                if (leaf.Repetition != 0)
                {
                    throw Error($"column {leaf.Data.Column.Path} has repetition level {leaf.Repetition} at the start of row {rowIndex}");
                }
            }

            row[i] = ReadField(fields[i]);
        }

        return row;
    }

    /// <summary>Fails unless every column was consumed exactly (all slots and all values).</summary>
    public void CheckFullyConsumed()
    {
        foreach (var c in _cursors.Values)
        {
            if (!c.AtEnd || c.ValueIndex != c.Data.Values.Count)
            {
                throw Error($"column {c.Data.Column.Path} has {c.Data.LevelCount - c.Slot} slots and {c.Data.Values.Count - c.ValueIndex} values left after the row group's last row");
            }
        }
    }

    private ParquetFormatException Error(string problem) => new(_filePath, _rowGroupOffset, problem);

    private object? ReadField(ParquetSchemaNode node) =>
        node.Repetition == Format.FieldRepetition.Repeated ? ReadRepeated(node, () => ReadInstance(node)) : ReadInstance(node);

    private object? ReadInstance(ParquetSchemaNode node)
    {
        var first = Leaves(node)[0];
        if (node.Repetition == Format.FieldRepetition.Optional && first.Definition < node.MaxDefinitionLevel)
        {
            SkipSlot(node);
            return null;
        }

        if (node.IsLeaf)
        {
            return first.Take();
        }

        if (node.IsMapAnnotated && TryGetMapEntries(node, out var kv))
        {
            return ReadRepeated(kv, () =>
            {
                object? key = ReadField(kv.Children[0]);
                object? value = kv.Children.Count > 1 ? ReadField(kv.Children[1]) : null;
                return new KeyValuePair<object?, object?>(key, value);
            }).Select(o => (KeyValuePair<object?, object?>)o!).ToList();
        }

        if (node.IsListAnnotated && node.Children is [{ Repetition: Format.FieldRepetition.Repeated } repeated])
        {
            bool repeatedIsElement = repeated.IsLeaf || repeated.Children.Count > 1 || repeated.Name == "array" || repeated.Name == node.Name + "_tuple";
            return repeatedIsElement
                ? ReadRepeated(repeated, () => ReadInstance(repeated))
                : ReadRepeated(repeated, () => ReadField(repeated.Children[0]));
        }

        var record = new Dictionary<string, object?>(node.Children.Count);
        foreach (var child in node.Children)
        {
            record[child.Name] = ReadField(child);
        }

        return record;
    }

    private List<object?> ReadRepeated(ParquetSchemaNode node, Func<object?> readElement)
    {
        var list = new List<object?>();
        var first = Leaves(node)[0];
        if (first.Definition < node.MaxDefinitionLevel)
        {
            SkipSlot(node);
            return list;
        }

        do
        {
            list.Add(readElement());
        }
        while (!first.AtEnd && first.Repetition == node.MaxRepetitionLevel);

        return list;
    }

    private static bool TryGetMapEntries(ParquetSchemaNode node, out ParquetSchemaNode keyValue)
    {
        keyValue = null!;
        if (node.Children is [{ Repetition: Format.FieldRepetition.Repeated, IsLeaf: false } kv] && kv.Children.Count is 1 or 2)
        {
            keyValue = kv;
            return true;
        }

        return false;
    }

    private void SkipSlot(ParquetSchemaNode node)
    {
        foreach (var leaf in Leaves(node))
        {
            if (leaf.AtEnd)
            {
                throw Error($"column {leaf.Data.Column.Path} ends in the middle of a record");
            }

            if (leaf.Definition >= node.MaxDefinitionLevel)
            {
                throw Error($"column {leaf.Data.Column.Path} disagrees with its sibling columns about whether {node.Path} is present");
            }

            leaf.Slot++;
        }
    }

    private LeafCursor[] Leaves(ParquetSchemaNode node)
    {
        if (!_leaves.TryGetValue(node, out var leaves))
        {
            leaves = node.Leaves().Select(l => _cursors.TryGetValue(l.ColumnIndex, out var c) ? c : throw new InvalidOperationException($"column {l.Path} was not read")).ToArray();
            _leaves[node] = leaves;
        }

        return leaves;
    }

    private sealed class LeafCursor(ColumnChunkData data, Func<string, ParquetFormatException> error)
    {
        public ColumnChunkData Data { get; } = data;

        public int Slot { get; set; }

        public int ValueIndex { get; private set; }

        public bool AtEnd => Slot >= Data.LevelCount;

        public int Definition => AtEnd ? -1 : Data.DefinitionLevels?[Slot] ?? Data.Column.MaxDefinitionLevel;

        public int Repetition => AtEnd ? 0 : Data.RepetitionLevels?[Slot] ?? 0;

        public object? Take()
        {
            if (AtEnd)
            {
                throw error($"column {Data.Column.Path} ends in the middle of a record");
            }

            bool present = Definition == Data.Column.MaxDefinitionLevel;
            Slot++;
            if (!present)
            {
                return null;
            }

            if (ValueIndex >= Data.Values.Count)
            {
                throw error($"column {Data.Column.Path} has fewer values than its definition levels promise");
            }

            return LogicalValueConverter.Convert(Data.Column, Data.Values, ValueIndex++);
        }
    }
}
