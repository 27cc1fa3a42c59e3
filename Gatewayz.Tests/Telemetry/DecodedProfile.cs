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
        var input = new CodedInputStream(raw);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: profile.SampleTypes.Add(ReadValueType(input.ReadBytes())); break;
                case 2: profile.Samples.Add(DecodedSample.Parse(input.ReadBytes())); break;
                case 4: profile.ReadLocation(input.ReadBytes()); break;
                case 5: profile.ReadFunction(input.ReadBytes()); break;
                case 6: profile.Strings.Add(input.ReadString()); break;
                case 11: profile.PeriodType = ReadValueType(input.ReadBytes()); break;
                case 12: profile.Period = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return profile;
    }

    private static (long, long) ReadValueType(ByteString bytes)
    {
        long type = 0, unit = 0;
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) type = input.ReadInt64();
            else if (WireFormat.GetTagFieldNumber(tag) == 2) unit = input.ReadInt64();
            else input.SkipLastField();
        }
        return (type, unit);
    }

    private void ReadLocation(ByteString bytes)
    {
        ulong id = 0, function = 0;
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) id = input.ReadUInt64();
            else if (WireFormat.GetTagFieldNumber(tag) == 4) function = FirstField(input.ReadBytes());
            else input.SkipLastField();
        }
        LocationFunction[id] = function;
    }

    private void ReadFunction(ByteString bytes)
    {
        ulong id = 0;
        long name = 0;
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) id = input.ReadUInt64();
            else if (WireFormat.GetTagFieldNumber(tag) == 2) name = input.ReadInt64();
            else input.SkipLastField();
        }
        FunctionName[id] = name;
    }

    private static ulong FirstField(ByteString line)
    {
        var input = line.CreateCodedInput();
        input.ReadTag();
        return input.ReadUInt64();
    }

    private static byte[] Gunzip(byte[] payload)
    {
        using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return raw.ToArray();
    }
}
