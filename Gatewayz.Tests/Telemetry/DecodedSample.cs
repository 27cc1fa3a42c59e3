using Google.Protobuf;

namespace Gatewayz.Tests.Telemetry;

/// <summary>One pprof sample: location ids (leaf first), values and string-table label pairs.</summary>
internal sealed class DecodedSample
{
    public List<ulong> LocationIds { get; } = [];
    public List<long> Values { get; } = [];
    public List<(long Key, long Str)> Labels { get; } = [];

    public static DecodedSample Parse(ByteString bytes)
    {
        var sample = new DecodedSample();
        ProtoFields.Read(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: ReadPacked(input.ReadBytes(), reader => sample.LocationIds.Add(reader.ReadUInt64())); return true;
                case 2: ReadPacked(input.ReadBytes(), reader => sample.Values.Add(reader.ReadInt64())); return true;
                case 3: sample.Labels.Add(ProtoFields.TwoIntegers(input.ReadBytes())); return true;
                default: return false;
            }
        });
        return sample;
    }

    private static void ReadPacked(ByteString bytes, Action<CodedInputStream> read)
    {
        var input = bytes.CreateCodedInput();
        while (!input.IsAtEnd) read(input);
    }
}
