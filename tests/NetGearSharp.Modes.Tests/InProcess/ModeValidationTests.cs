namespace NetGearSharp.Modes.Tests.InProcess;

/// <summary>VidGear's rules for its modes, with messages that name the bad values.</summary>
public sealed class ModeValidationTests
{
    [Fact]
    public void Multi_server_and_multi_client_together_is_an_error_on_both_sides()
    {
        var server = Assert.Throws<ArgumentException>(() => new NetGearServer(new NetGearServerOptions { MultiServerMode = true, MultiClientMode = true, Port = 5000, Ports = [5001] }));
        Assert.Contains("MultiServerMode and MultiClientMode", server.Message, StringComparison.Ordinal);
        Assert.Contains("MultiServerMode = false", server.Message, StringComparison.Ordinal);
        var client = Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions { MultiClientMode = true, Ports = [5001] }));
        Assert.Contains("MultiServerMode and MultiClientMode", client.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bidirectional_with_publish_subscribe_is_an_error_on_both_sides()
    {
        var server = Assert.Throws<ArgumentException>(() => new NetGearServer(new NetGearServerOptions { Port = 5000, Pattern = NetGearPattern.PubSub, BidirectionalMode = true }));
        Assert.Contains("BidirectionalMode", server.Message, StringComparison.Ordinal);
        Assert.Contains("PubSub (2)", server.Message, StringComparison.Ordinal);
        var client = Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions { Ports = [5000], Pattern = NetGearPattern.PubSub, BidirectionalMode = true }));
        Assert.Contains("PubSub (2)", client.Message, StringComparison.Ordinal);
        Assert.Contains("Pair (0) or ReqRep (1)", client.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_client_with_pair_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new NetGearServer(new NetGearServerOptions { MultiServerMode = false, MultiClientMode = true, Pattern = NetGearPattern.Pair, Ports = [5000] }));
        Assert.Contains("Pair (0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_client_server_needs_unique_valid_client_ports()
    {
        var empty = Assert.Throws<ArgumentException>(() => new NetGearServer(new NetGearServerOptions { MultiServerMode = false, MultiClientMode = true }));
        Assert.Contains("Ports is empty", empty.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => new NetGearServer(new NetGearServerOptions { MultiServerMode = false, MultiClientMode = true, Ports = [5000, 5000] }));
        Assert.Contains("port 5000 twice", twice.Message, StringComparison.Ordinal);
        var range = Assert.Throws<ArgumentException>(() => new NetGearServer(new NetGearServerOptions { MultiServerMode = false, MultiClientMode = true, Ports = [5000, 70000] }));
        Assert.Contains("70000", range.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_client_client_binds_exactly_one_port()
    {
        var e = Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions { MultiServerMode = false, MultiClientMode = true, Ports = [5000, 5001] }));
        Assert.Contains("Ports has 2 entries", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Return_data_from_bad_JSON_names_the_text()
    {
        var e = Assert.Throws<ArgumentException>(() => NetGearReturnData.FromJson("{not json"));
        Assert.Contains("{not json", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"text\"", "str")]
    [InlineData("42", "int")]
    [InlineData("4.5", "float")]
    [InlineData("true", "bool")]
    [InlineData("[1, 2]", "list")]
    [InlineData("{\"a\": 1}", "dict")]
    [InlineData("null", "NoneType")]
    public void Return_types_are_the_Python_type_names_VidGear_sends(string json, string type)
        => Assert.Equal(type, NetGearReturnData.FromJson(json).ReturnType);
}
