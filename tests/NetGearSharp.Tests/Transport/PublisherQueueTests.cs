using NetGearSharp.Server;
using NetGearSharp.Transport;

namespace NetGearSharp.Tests.Transport;

/// <summary>How many frames a publisher's socket queues, per transport.</summary>
public sealed class PublisherQueueTests
{
    private static SocketSpec PublisherSocket(TransportKind transport) => ServerSettings.From(new NetGearServerOptions
    {
        Pattern = NetGearPattern.PubSub,
        MultiServerMode = true,
        Port = 5599,
        Transport = transport,
    }).Socket;

    [Fact]
    public void A_native_publisher_queues_one_frame_and_waits_for_room()
    {
        var socket = PublisherSocket(TransportKind.Native);
        Assert.Equal(1, socket.SendHighWatermark);
        Assert.True(socket.WaitWhenFull);
    }

    [Fact]
    public void A_NetMQ_publisher_which_cannot_wait_queues_a_few_frames()
    {
        // NetMQ drops a frame when its queue is full: with one frame it lost frames mid-stream at 30 frames/s.
        Assert.Equal(ServerSettings.NetMqPublisherQueue, PublisherSocket(TransportKind.NetMq).SendHighWatermark);
        Assert.True(ServerSettings.NetMqPublisherQueue > 1);
    }
}
