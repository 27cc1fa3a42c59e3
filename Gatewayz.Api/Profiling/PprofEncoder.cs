using System.IO.Compression;
using Google.Protobuf;

namespace Gatewayz.Api.Profiling;

/// <summary>
/// Encodes a capture as a gzipped pprof profile (github.com/google/pprof profile.proto) the way Go's
/// CPU profiles look: sample types samples/count and cpu/nanoseconds, one function and one location
/// per method name, and sample labels for provider, model and cache layer.
/// </summary>
internal static class PprofEncoder
{
    // Field numbers of profile.proto.
    private const int ProfileSampleType = 1, ProfileSample = 2, ProfileLocation = 4, ProfileFunction = 5,
        ProfileStringTable = 6, ProfileTimeNanos = 9, ProfileDurationNanos = 10, ProfilePeriodType = 11, ProfilePeriod = 12;
    private const int ValueTypeType = 1, ValueTypeUnit = 2;
    private const int SampleLocationId = 1, SampleValue = 2, SampleLabel = 3;
    private const int LabelKey = 1, LabelStr = 2;
    private const int LocationId = 1, LocationLine = 4, LineFunctionId = 1;
    private const int FunctionId = 1, FunctionName = 2, FunctionSystemName = 3;

    public static byte[] Encode(CpuCapture capture)
    {
        var strings = new StringTable();
        var functions = new Dictionary<string, ulong>();
        var aggregated = new Dictionary<string, (ulong[] Locations, ProfilingLabels? Labels, long Count)>();
        foreach (var sample in capture.Samples)
        {
            var locations = sample.Frames.Select(frame => FunctionIdOf(functions, frame)).ToArray();
            var key = string.Join(',', locations) + "|" + sample.Labels;
            aggregated[key] = aggregated.TryGetValue(key, out var existing)
                ? existing with { Count = existing.Count + 1 }
                : (locations, sample.Labels, 1);
        }

        var periodNanos = (long)(capture.SamplingPeriod.TotalMilliseconds * 1_000_000);
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        WriteMessage(output, ProfileSampleType, ValueType(strings, "samples", "count"));
        WriteMessage(output, ProfileSampleType, ValueType(strings, "cpu", "nanoseconds"));
        foreach (var (locations, labels, count) in aggregated.Values)
            WriteMessage(output, ProfileSample, Sample(strings, locations, labels, count, count * periodNanos));
        foreach (var (name, id) in functions)
        {
            WriteMessage(output, ProfileLocation, Location(id));
            WriteMessage(output, ProfileFunction, Function(strings, name, id));
        }
        output.WriteInt64Field(ProfileTimeNanos, capture.From.ToUnixTimeMilliseconds() * 1_000_000);
        output.WriteInt64Field(ProfileDurationNanos, (long)(capture.Until - capture.From).TotalMilliseconds * 1_000_000);
        WriteMessage(output, ProfilePeriodType, ValueType(strings, "cpu", "nanoseconds"));
        output.WriteInt64Field(ProfilePeriod, periodNanos);
        foreach (var text in strings.All)
        {
            output.WriteTag(ProfileStringTable, WireFormat.WireType.LengthDelimited);
            output.WriteString(text);
        }
        output.Flush();
        return Gzip(buffer.ToArray());
    }

    private static ulong FunctionIdOf(Dictionary<string, ulong> functions, string name)
    {
        if (!functions.TryGetValue(name, out var id)) functions[name] = id = (ulong)functions.Count + 1;
        return id;
    }

    private static byte[] ValueType(StringTable strings, string type, string unit) => Message(output =>
    {
        output.WriteInt64Field(ValueTypeType, strings.Index(type));
        output.WriteInt64Field(ValueTypeUnit, strings.Index(unit));
    });

    private static byte[] Sample(StringTable strings, ulong[] locations, ProfilingLabels? labels, long count, long nanos) => Message(output =>
    {
        WritePacked(output, SampleLocationId, locations, (o, id) => o.WriteUInt64(id));
        WritePacked(output, SampleValue, [count, nanos], (o, value) => o.WriteInt64(value));
        foreach (var (key, value) in labels?.Pairs() ?? [])
        {
            WriteMessage(output, SampleLabel, Message(label =>
            {
                label.WriteInt64Field(LabelKey, strings.Index(key));
                label.WriteInt64Field(LabelStr, strings.Index(value));
            }));
        }
    });

    private static byte[] Location(ulong functionId) => Message(output =>
    {
        output.WriteTag(LocationId, WireFormat.WireType.Varint);
        output.WriteUInt64(functionId);
        WriteMessage(output, LocationLine, Message(line =>
        {
            line.WriteTag(LineFunctionId, WireFormat.WireType.Varint);
            line.WriteUInt64(functionId);
        }));
    });

    private static byte[] Function(StringTable strings, string name, ulong id) => Message(output =>
    {
        output.WriteTag(FunctionId, WireFormat.WireType.Varint);
        output.WriteUInt64(id);
        output.WriteInt64Field(FunctionName, strings.Index(name));
        output.WriteInt64Field(FunctionSystemName, strings.Index(name));
    });

    private static void WriteInt64Field(this CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    private static void WritePacked<T>(CodedOutputStream output, int field, IReadOnlyList<T> values, Action<CodedOutputStream, T> write)
    {
        WriteMessage(output, field, Message(packed =>
        {
            foreach (var value in values) write(packed, value);
        }));
    }

    private static void WriteMessage(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest)) gzip.Write(raw);
        return compressed.ToArray();
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, long> _indexes = new() { [""] = 0 };
        private readonly List<string> _strings = [""];

        public IReadOnlyList<string> All => _strings;

        public long Index(string text)
        {
            if (_indexes.TryGetValue(text, out var index)) return index;
            _indexes[text] = index = _strings.Count;
            _strings.Add(text);
            return index;
        }
    }
}
