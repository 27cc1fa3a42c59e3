using System.Text.Json;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// The id, creation time, upstream model and system fingerprint that every event of one answer repeats,
/// the strings escaped once for all of them.
/// </summary>
public readonly record struct SimulatedHeader(JsonEncodedText Id, long Created, JsonEncodedText Model, JsonEncodedText Fingerprint);
