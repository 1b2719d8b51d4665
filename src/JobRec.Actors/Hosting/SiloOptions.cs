namespace JobRec.Actors.Hosting;

/// <summary>Settings of a silo: gateway endpoint, frame limit, timeouts, idle collection and default storage.</summary>
public sealed class SiloOptions
{
    /// <summary>Whether the silo opens a gateway endpoint for clients.</summary>
    public bool GatewayEnabled { get; set; } = true;

    /// <summary>Address the gateway binds to; loopback unless set otherwise.</summary>
    public string GatewayAddress { get; set; } = "127.0.0.1";

    /// <summary>Gateway TCP port (0 = any free port; read the bound one from SiloGatewayEndpoint).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Largest frame accepted on the gateway; a larger one closes that connection.</summary>
    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Default time a caller waits for a grain call's response.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time an activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest OnActivateAsync (including state reads) before the activation fails.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest OnDeactivateAsync before it is abandoned.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SQLite file of the default storage provider when no other "Default" provider is registered.</summary>
    public string SqliteStoragePath { get; set; } = Path.Combine(".jobrec", "grain-state.db");
}
