namespace NetGearSharp.Tests.Validation;

/// <summary>Each bad option gives a clear ArgumentException naming the bad value and what is allowed.</summary>
public class OptionValidationTests
{
    private static ArgumentException ClientError(NetGearClientOptions options) => Assert.ThrowsAny<ArgumentException>(() => new NetGearClient(options));

    private static ArgumentException ServerError(NetGearServerOptions options) => Assert.ThrowsAny<ArgumentException>(() => new NetGearServer(options));

    [Fact]
    public void PairIsRejectedInMultiServerModeOnTheClient()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566], Pattern = NetGearPattern.Pair });
        Assert.Contains("Pair (0) is not allowed in multi-server mode", ex.Message);
        Assert.Contains("ReqRep (1) or PubSub (2)", ex.Message);
    }

    [Fact]
    public void PairIsRejectedInMultiServerModeOnTheServer()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Pattern = NetGearPattern.Pair });
        Assert.Contains("Pair (0) is not allowed", ex.Message);
    }

    [Fact]
    public void ServerWithoutPortIsRejected()
    {
        var ex = ServerError(new NetGearServerOptions());
        Assert.Equal("Port", ex.ParamName);
        Assert.Contains("1-65535", ex.Message);
    }

    [Fact]
    public void ClientWithoutPortListIsRejected()
    {
        var ex = ClientError(new NetGearClientOptions());
        Assert.Equal("Ports", ex.ParamName);
        Assert.Contains("list of its servers' ports", ex.Message);
    }

    [Fact]
    public void An_infinite_or_zero_heartbeat_timeout_is_rejected_naming_the_option()
    {
        foreach (var bad in new[] { Timeout.InfiniteTimeSpan, TimeSpan.Zero })
        {
            var server = ServerError(new NetGearServerOptions { Port = 5566, HeartbeatTimeout = bad });
            Assert.Equal("HeartbeatTimeout", server.ParamName);
            Assert.Contains(bad == TimeSpan.Zero ? "greater than zero" : "cannot be infinite", server.Message);
            var client = ClientError(new NetGearClientOptions { Ports = [5566], HeartbeatTimeout = bad });
            Assert.Equal("HeartbeatTimeout", client.ParamName);
        }
    }

    // Timeout.InfiniteTimeSpan is -1 ms: the messages said "HeartbeatTimeout -00:00:00.0010000 must be a time greater
    // than zero", a negative time the user never wrote. They say "infinite", as RequestTimeout's does.
    [Fact]
    public void An_infinite_time_where_one_must_be_finite_is_called_infinite()
    {
        var infinite = Timeout.InfiniteTimeSpan;
        var errors = new[]
        {
            ServerError(new NetGearServerOptions { Port = 5566, HeartbeatTimeout = infinite }),
            ServerError(new NetGearServerOptions { Port = 5566, HeartbeatInterval = infinite }),
            ServerError(new NetGearServerOptions { Port = 5566, PublishConnectWait = infinite }),
            ServerError(new NetGearServerOptions { Port = 5566, RequestTimeout = infinite }),
            ClientError(new NetGearClientOptions { Ports = [5566], HeartbeatTimeout = infinite }),
            ClientError(new NetGearClientOptions { Ports = [5566], HeartbeatInterval = infinite }),
            ClientError(new NetGearClientOptions { Ports = [5566], LostAfter = infinite }),
        };
        Assert.Equal(["HeartbeatTimeout", "HeartbeatInterval", "PublishConnectWait", "RequestTimeout", "HeartbeatTimeout", "HeartbeatInterval", "LostAfter"],
            errors.Select(e => e.ParamName));
        foreach (var error in errors)
        {
            Assert.StartsWith($"{error.ParamName} cannot be infinite; ", error.Message);
            Assert.DoesNotContain("-00:00:00.001", error.Message);
        }
    }

    [Fact]
    public void A_heartbeat_interval_longer_than_a_socket_option_holds_or_negative_is_rejected_naming_it()
    {
        foreach (var bad in new[] { TimeSpan.FromDays(100), TimeSpan.FromMilliseconds(-5) })
        {
            var server = ServerError(new NetGearServerOptions { Port = 5566, HeartbeatInterval = bad });
            Assert.Equal("HeartbeatInterval", server.ParamName);
            Assert.Contains(bad.ToString(), server.Message);
            Assert.Contains("at most 24.20:31:23.647", server.Message);
            var client = ClientError(new NetGearClientOptions { Ports = [5566], HeartbeatInterval = bad });
            Assert.Equal("HeartbeatInterval", client.ParamName);
        }
    }

    [Fact]
    public void An_empty_filter_is_rejected_it_would_accept_nothing()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566, 5567], Filter = [] });
        Assert.Equal("Filter", ex.ParamName);
        Assert.Contains("null to accept every port", ex.Message);
    }

    [Fact]
    public void Return_data_without_a_mode_that_returns_it_is_rejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566], ReturnData = _ => NetGearReturnData.FromValue(1) });
        Assert.Equal("ReturnData", ex.ParamName);
        Assert.Contains("BidirectionalMode", ex.Message);
        Assert.Contains("MultiClientMode", ex.Message);
    }

    [Fact]
    public void Return_data_with_Publish_Subscribe_which_answers_nothing_is_rejected()
    {
        var ex = ClientError(new NetGearClientOptions
        {
            Ports = [5566], MultiServerMode = false, MultiClientMode = true, Pattern = NetGearPattern.PubSub, ReturnData = _ => NetGearReturnData.FromValue(1),
        });
        Assert.Equal("ReturnData", ex.ParamName);
        Assert.Contains("PubSub", ex.Message);
    }

    [Fact]
    public void A_servers_client_port_list_without_multi_client_mode_is_rejected()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Ports = [1, 2] });
        Assert.Equal("Ports", ex.ParamName);
        Assert.Contains("[1, 2]", ex.Message);
        Assert.Contains("MultiClientMode", ex.Message);
    }

    [Fact]
    public void DuplicatePortsAreRejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566, 5567, 5566] });
        Assert.Contains("port 5566 twice", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void ClientPortOutsideRangeIsRejected(int port)
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566, port] });
        Assert.Contains($"{port} is outside the allowed range 1-65535", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void ServerPortOutsideRangeIsRejected(int port)
    {
        var ex = ServerError(new NetGearServerOptions { Port = port });
        Assert.Contains($"{port} is outside the allowed range 1-65535", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tcp://10.0.0.1")]
    [InlineData("bad host name")]
    [InlineData("exa mple")]
    public void BadServerAddressIsRejected(string address)
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Address = address });
        Assert.Equal("Address", ex.ParamName);
    }

    [Fact]
    public void WildcardAddressIsOnlyForTheClient()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Address = "*" });
        Assert.Contains("'*' only works for the client", ex.Message);
    }

    [Fact]
    public void BadClientAddressIsRejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566], Address = "not a host" });
        Assert.Contains("'not a host'", ex.Message);
    }

    [Fact]
    public void UnknownProtocolIsRejected()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Protocol = (NetGearProtocol)7 });
        Assert.Contains("use Tcp or Ipc", ex.Message);
    }

    [Fact]
    public void UnknownPatternIsRejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566], Pattern = (NetGearPattern)3 });
        Assert.Contains("3 is not allowed; use Pair (0), ReqRep (1) or PubSub (2)", ex.Message);
    }

    [Fact]
    public void ANewJpegOptionsIsOffLikeTheServersDefault()
    {
        Assert.False(new JpegOptions().Enabled);
        Assert.Equal(JpegOptions.Off, new JpegOptions());
        Assert.True(JpegOptions.Default.Enabled);
    }

    [Fact]
    public void JpegSettingsWithJpegOffAreRejectedInsteadOfIgnored()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Jpeg = new JpegOptions { Quality = 95 } });
        Assert.Contains("Enabled is false", ex.Message);
        Assert.Contains("JpegOptions.Default", ex.Message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(101)]
    public void JpegQualityOutsideRangeIsRejected(int quality)
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Jpeg = JpegOptions.Default with { Quality = quality } });
        Assert.Contains($"Quality {quality} is outside the allowed range 10-100", ex.Message);
    }

    [Fact]
    public void AnUndefinedJpegSubsamplingIsRejectedWithTheAllowedOnes()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, Jpeg = JpegOptions.Default with { Subsampling = (JpegSubsampling)7 } });
        Assert.Contains("Subsampling 7 is not one of Chroma420, Chroma422, Chroma444", ex.Message);
    }

    [Fact]
    public void FilterPortNotInTheListIsRejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566, 5567], Filter = [5568] });
        Assert.Contains("Filter port 5568 is not in Ports [5566, 5567]", ex.Message);
    }

    [Fact]
    public void NonPositiveRequestTimeoutIsRejected()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, RequestTimeout = TimeSpan.Zero });
        Assert.Equal("RequestTimeout", ex.ParamName);
    }

    [Fact]
    public void ZeroMaxRetriesIsRejected()
    {
        var ex = ServerError(new NetGearServerOptions { Port = 5566, MaxRetries = 0 });
        Assert.Contains("MaxRetries 0 must be 1 or more", ex.Message);
    }

    [Fact]
    public void QueueCapacityOutsideRangeIsRejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566], QueueCapacity = 0 });
        Assert.Contains("QueueCapacity 0 is outside the allowed range", ex.Message);
    }

    [Fact]
    public void NegativeMaxBytesInFlightIsRejected()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566], MaxBytesInFlight = -1 });
        Assert.Contains("MaxBytesInFlight -1 must be zero (no flow control) or a positive number of bytes", ex.Message);
        Assert.Equal("MaxBytesInFlight", ex.ParamName);
    }

    [Fact]
    public void SingleServerClientTakesExactlyOnePort()
    {
        var ex = ClientError(new NetGearClientOptions { Ports = [5566, 5567], MultiServerMode = false });
        Assert.Contains("exactly one", ex.Message);
    }

    [Fact]
    public void PortInUseGivesAClearRuntimeError()
    {
        var port = FreePorts.One();
        using var first = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port] });
        var ex = Assert.Throws<PortInUseException>(() => new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port] }));
        Assert.Contains($"Port {port} is already in use", ex.Message);
    }
}
