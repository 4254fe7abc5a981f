using System.Text.Json;
using System.Text.Json.Serialization;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Messages use the naming Python users write (camelCase out, case-insensitive in) and typed reads fail loudly.</summary>
public class TypedMessageTests
{
    public sealed record Reading(double Temperature, string[] Tags);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
    public sealed record Lenient(double Temperature, string Unit = "C");

    private const string PythonReading = "{\"temperature\":21.5,\"tags\":[\"a\",\"b\"]}";

    [Fact]
    public void APythonMessageReadsIntoARecord()
    {
        var reading = JsonSerializer.Deserialize<Reading>(PythonReading, NetGearMessageJson.CreateOptions())!;
        Assert.Equal(21.5, reading.Temperature);
        Assert.Equal(["a", "b"], reading.Tags);
    }

    [Theory]
    [InlineData("{\"temp\":21.5,\"tags\":[\"a\"]}")]       // unknown member, and Temperature missing
    [InlineData("{\"tags\":[\"a\"]}")]                      // Temperature missing
    [InlineData("{\"temperature\":21.5,\"tags\":[\"a\"],\"extra\":1}")] // a member Reading does not have
    [InlineData("{\"temperature\":\"warm\",\"tags\":[]}")]   // wrong type
    public void AMismatchThrows(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Reading>(json, NetGearMessageJson.CreateOptions()));

    [Fact]
    public void DefaultsAndOptOutsAreWhatTheDocsSay()
    {
        var options = NetGearMessageJson.CreateOptions();
        Assert.Equal("{\"temperature\":21.5,\"tags\":[\"x\"]}", JsonSerializer.Serialize(new Reading(21.5, ["x"]), options));
        Assert.Equal(21.5, JsonSerializer.Deserialize<Reading>("{\"TEMPERATURE\":21.5,\"Tags\":[]}", options)!.Temperature);
        var lenient = JsonSerializer.Deserialize<Lenient>("{\"temperature\":3,\"other\":true}", options)!;
        Assert.Equal(new Lenient(3), lenient); // extra members skipped where the type says so; defaulted parameters optional
        Assert.Equal("[1,\"a\"]", JsonSerializer.Serialize((1, "a"), options));
        Assert.False(NetGearMessageJson.CreateOptions().IsReadOnly); // a copy users may change
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task RecordsGoOutCamelCaseAndComeBackTyped(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, new Reading(21.5, ["a", "b"]));
            using var python = JsonDocument.Parse(PythonReading); // as a Python server writes it
            server.Send(frame, python);
        });
        var got = new List<(string? Json, Reading? Message, int Port)>();
        await foreach (var packet in client.ReadAllAsync<Reading>(new CancellationTokenSource(30_000).Token))
        {
            using (packet) got.Add((packet.Packet.MessageJson, packet.Message, packet.Port));
        }
        await sending;
        Assert.Equal(2, got.Count);
        Assert.Equal(PythonReading, got[0].Json);
        Assert.All(got, g =>
        {
            Assert.Equal(port, g.Port);
            Assert.Equal(21.5, g.Message!.Temperature);
            Assert.Equal(["a", "b"], g.Message.Tags);
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task AMismatchedMessageEndsTheTypedReadWithAJsonException()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.NetMq));
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, new { temp = 21.5 });
        });
        var error = await Assert.ThrowsAsync<JsonException>(async () =>
        {
            await foreach (var packet in client.ReadAllAsync<Reading>(new CancellationTokenSource(30_000).Token)) packet.Dispose();
        });
        Assert.Contains($"port {port}", error.Message);
        Assert.Contains(nameof(Reading), error.Message);
        await sending;
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMessageThrowsOnAMismatchAndTryGetMessageSaysFalse()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.NetMq));
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, new { temp = 21.5 });
        });
        await foreach (var packet in client.ReadAllAsync(new CancellationTokenSource(30_000).Token))
        {
            using (packet)
            {
                Assert.Throws<JsonException>(() => packet.GetMessage<Reading>());
                Assert.False(packet.TryGetMessage<Reading>(out _));
                Assert.Equal(21.5, packet.GetMessage<Dictionary<string, double>>()!["temp"]);
            }
        }
        await sending;
    }

    [Fact(Timeout = 60_000)]
    public async Task YourOwnOptionsAreUsed()
    {
        var port = FreePorts.One();
        var pascal = new JsonSerializerOptions(); // System.Text.Json's own defaults: names as declared
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.NetMq) with { MessageSerializerOptions = pascal });
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq) with { MessageSerializerOptions = pascal }, (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, new Reading(1, []));
        });
        await foreach (var packet in client.ReadAllAsync<Reading>(new CancellationTokenSource(30_000).Token))
        {
            using (packet)
            {
                Assert.Equal("{\"Temperature\":1.0,\"Tags\":[]}", packet.Packet.MessageJson); // a double, as Python writes floats
                Assert.Equal(1, packet.Message!.Temperature);
            }
        }
        await sending;
    }
}
