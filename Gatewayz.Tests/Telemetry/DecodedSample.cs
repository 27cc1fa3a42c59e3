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
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: ReadPacked(input.ReadBytes(), reader => sample.LocationIds.Add(reader.ReadUInt64())); break;
                case 2: ReadPacked(input.ReadBytes(), reader => sample.Values.Add(reader.ReadInt64())); break;
                case 3: sample.Labels.Add(ReadLabel(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        }
        return sample;
    }

    private static void ReadPacked(ByteString bytes, Action<CodedInputStream> read)
    {
        var input = bytes.CreateCodedInput();
        while (!input.IsAtEnd) read(input);
    }

    private static (long, long) ReadLabel(ByteString bytes)
    {
        long key = 0, str = 0;
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) key = input.ReadInt64();
            else if (WireFormat.GetTagFieldNumber(tag) == 2) str = input.ReadInt64();
            else input.SkipLastField();
        }
        return (key, str);
    }
}
