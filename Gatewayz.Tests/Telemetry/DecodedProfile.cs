using System.IO.Compression;
using Google.Protobuf;

namespace Gatewayz.Tests.Telemetry;

/// <summary>
/// A pprof profile read back with Google.Protobuf's reader, field by field from profile.proto,
/// independently of the encoder under test.
/// </summary>
internal sealed class DecodedProfile
{
    public List<string> Strings { get; } = [];
    public List<(long Type, long Unit)> SampleTypes { get; } = [];
    public List<DecodedSample> Samples { get; } = [];
    public Dictionary<ulong, ulong> LocationFunction { get; } = [];
    public Dictionary<ulong, long> FunctionName { get; } = [];
    public (long Type, long Unit) PeriodType { get; private set; }
    public long Period { get; private set; }

    public IEnumerable<(string Type, string Unit)> SampleTypeNames => SampleTypes.Select(t => (Strings[(int)t.Type], Strings[(int)t.Unit]));

    public IReadOnlyList<string> Stack(DecodedSample sample) =>
        [.. sample.LocationIds.Select(id => Strings[(int)FunctionName[LocationFunction[id]]])];

    public IReadOnlyDictionary<string, string> Labels(DecodedSample sample) =>
        sample.Labels.ToDictionary(label => Strings[(int)label.Key], label => Strings[(int)label.Str]);

    public static DecodedProfile Parse(byte[] payload)
    {
        var raw = payload is [0x1f, 0x8b, ..] ? Gunzip(payload) : payload;
        var profile = new DecodedProfile();
        ProtoFields.Read(new CodedInputStream(raw), (field, input) =>
        {
            switch (field)
            {
                case 1: profile.SampleTypes.Add(ProtoFields.TwoIntegers(input.ReadBytes())); return true;
                case 2: profile.Samples.Add(DecodedSample.Parse(input.ReadBytes())); return true;
                case 4: profile.ReadLocation(input.ReadBytes()); return true;
                case 5: profile.ReadFunction(input.ReadBytes()); return true;
                case 6: profile.Strings.Add(input.ReadString()); return true;
                case 11: profile.PeriodType = ProtoFields.TwoIntegers(input.ReadBytes()); return true;
                case 12: profile.Period = input.ReadInt64(); return true;
                default: return false;
            }
        });
        return profile;
    }

    // Location: 1 id, 4 line { 1 function_id }.
    private void ReadLocation(ByteString bytes)
    {
        ulong id = 0, function = 0;
        ProtoFields.Read(bytes, (field, input) =>
        {
            if (field == 1) id = input.ReadUInt64();
            else if (field == 4) function = (ulong)ProtoFields.TwoIntegers(input.ReadBytes()).First;
            return field is 1 or 4;
        });
        LocationFunction[id] = function;
    }

    // Function: 1 id, 2 name.
    private void ReadFunction(ByteString bytes)
    {
        var (id, name) = ProtoFields.TwoIntegers(bytes);
        FunctionName[(ulong)id] = name;
    }

    private static byte[] Gunzip(byte[] payload)
    {
        using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return raw.ToArray();
    }
}
