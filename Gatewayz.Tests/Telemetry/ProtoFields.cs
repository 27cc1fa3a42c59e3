using Google.Protobuf;

namespace Gatewayz.Tests.Telemetry;

/// <summary>Walks the fields of one protobuf message; the reader returns false for fields it skips.</summary>
internal static class ProtoFields
{
    public static void Read(CodedInputStream input, Func<int, CodedInputStream, bool> readField)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!readField(WireFormat.GetTagFieldNumber(tag), input)) input.SkipLastField();
        }
    }

    public static void Read(ByteString message, Func<int, CodedInputStream, bool> readField) =>
        Read(message.CreateCodedInput(), readField);

    /// <summary>Fields 1 and 2 of a message whose first two fields are integers (ValueType, Label, …).</summary>
    public static (long First, long Second) TwoIntegers(ByteString message)
    {
        long first = 0, second = 0;
        Read(message, (field, input) => field switch
        {
            1 => Assign(out first, input.ReadInt64()),
            2 => Assign(out second, input.ReadInt64()),
            _ => false,
        });
        return (first, second);
    }

    private static bool Assign(out long target, long value)
    {
        target = value;
        return true;
    }
}
