namespace JobRec.Actors.Runtime;

/// <summary>The local activations of one stateless worker grain id: at most MaxLocalWorkers, an idle one takes each request.</summary>
internal sealed class StatelessWorkerPool : IGrainTarget, IActivationOwner
{
    private readonly List<Activation> _workers = new();
    private readonly GrainId _grainId;
    private readonly GrainClassInfo _grainClass;
    private readonly GrainRuntime _runtime;
    private readonly int _max;

    public StatelessWorkerPool(GrainId grainId, GrainClassInfo grainClass, GrainRuntime runtime)
    {
        _grainId = grainId;
        _grainClass = grainClass;
        _runtime = runtime;
        _max = grainClass.MaxLocalWorkers!.Value;
    }

    public IEnumerable<Activation> Activations
    {
        get
        {
            lock (_workers)
            {
                return _workers.ToArray();
            }
        }
    }

    public bool TryEnqueue(GrainRequest request)
    {
        while (true)
        {
            Activation target;
            lock (_workers)
            {
                target = Pick();
            }

            if (target.TryEnqueue(request))
            {
                return true;
            }

            lock (_workers)
            {
                _workers.Remove(target);
            }
        }
    }

    public void OnDeactivated(Activation activation)
    {
        lock (_workers)
        {
            _workers.Remove(activation);
        }
    }

    public void AddTo(Dictionary<string, (int Activations, int Queued)> stats)
    {
        foreach (var a in Activations)
        {
            a.AddTo(stats);
        }
    }

    private Activation Pick()
    {
        Activation? best = null;
        var bestQueue = int.MaxValue;
        foreach (var w in _workers)
        {
            if (w.IsIdle)
            {
                return w;
            }

            var q = w.QueueLength;
            if (q < bestQueue)
            {
                best = w;
                bestQueue = q;
            }
        }

        if (_workers.Count < _max)
        {
            var created = new Activation(_grainId, _grainClass, _runtime, this);
            _workers.Add(created);
            return created;
        }

        return best!;
    }
}
