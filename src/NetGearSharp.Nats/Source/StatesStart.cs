using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace NetGearSharp.Nats.Source;

/// <summary>Where a queue group member reads the state events from: where the group's frames resume.</summary>
internal static class StatesStart
{
    /// <summary>
    /// The states consumer's options. The group's durable consumer of the frames resumes after the last frame the group
    /// acknowledged, not at the policy's start: a member restarted after missing part of a session replays that part's
    /// frames, and needs that part's state events too (its goodbyes end it). So the states are read from the first frame
    /// not yet acknowledged, when the consumer has frames left to deliver or only new messages were asked for (a new
    /// consumer's floor is the stream's end then: "from now"). Otherwise (a replay with nothing left): as asked.
    /// </summary>
    public static NatsJSOrderedConsumerOpts Of(ConsumerInfo frames, ConsumerConfigDeliverPolicy policy, NatsJSOrderedConsumerOpts asked)
    {
        var resuming = policy == ConsumerConfigDeliverPolicy.New || frames.NumPending > 0 || frames.NumAckPending > 0;
        if (!resuming || frames.AckFloor is not { } floor) return asked;
        return asked with { DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = floor.StreamSeq + 1, OptStartTime = default };
    }
}
