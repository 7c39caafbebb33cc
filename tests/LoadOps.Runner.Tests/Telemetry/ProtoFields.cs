using Google.Protobuf;

namespace LoadOps.Runner.Tests.Telemetry;

/// <summary>
/// One protobuf message read into its fields with Google.Protobuf's wire reader, for walking an OTLP payload by the
/// field numbers of the OTLP specification (opentelemetry-proto). No .NET package of the generated OTLP types is
/// served here and the exporter keeps its serializer internal, so the test reads the wire format itself.
/// </summary>
internal sealed class ProtoFields
{
    private readonly List<(int Number, object Value)> _fields = [];

    public ProtoFields(ByteString bytes)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            object value = WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.Fixed64 => input.ReadFixed64(),
                WireFormat.WireType.Fixed32 => input.ReadFixed32(),
                WireFormat.WireType.LengthDelimited => input.ReadBytes(),
                var other => throw new InvalidDataException($"unexpected wire type {other} in field {number}"),
            };
            _fields.Add((number, value));
        }
    }

    public IEnumerable<ProtoFields> Messages(int number) =>
        _fields.Where(f => f.Number == number).Select(f => new ProtoFields((ByteString)f.Value));

    public ProtoFields? Message(int number) => Messages(number).FirstOrDefault();

    public string? Text(int number) => _fields.Where(f => f.Number == number).Select(f => ((ByteString)f.Value).ToStringUtf8()).FirstOrDefault();

    /// <summary>A fixed64 field (counts, sfixed64 integers).</summary>
    public long? Fixed64(int number) => _fields.Where(f => f.Number == number && f.Value is ulong).Select(f => (long?)(long)(ulong)f.Value).FirstOrDefault();

    /// <summary>The byte length of a length-delimited field (a packed repeated field), 0 when absent.</summary>
    public int Length(int number) => _fields.Where(f => f.Number == number && f.Value is ByteString).Sum(f => ((ByteString)f.Value).Length);

    public bool Has(int number) => _fields.Any(f => f.Number == number);

    /// <summary>OTLP KeyValue list (key 1, AnyValue 2 with string_value 1, int_value 3) as text.</summary>
    public IReadOnlyDictionary<string, string> Attributes(int number) => Messages(number).ToDictionary(
        kv => kv.Text(1) ?? "",
        kv => kv.Message(2) is { } any ? any.Text(1) ?? any._fields.FirstOrDefault().Value?.ToString() ?? "" : "");
}
