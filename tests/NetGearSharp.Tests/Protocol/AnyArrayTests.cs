using System.Text;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;
using NetGearSharp.Server;

namespace NetGearSharp.Tests.Protocol;

/// <summary>
/// Frames and returned arrays are NumPy arrays of any rank, as VidGear sends and reads them: 1-D (scores,
/// coordinates), 0-D (one value) and empty ones (a 0 in the shape) are read, not dropped as malformed. Element
/// types that have no frame type (complex, big-endian) stay refused, with a reason that names them.
/// </summary>
public class AnyArrayTests
{
    private static string Header(string dtype, string shape)
        => $$"""{"port": "5566", "terminate_flag": false, "compression": false, "message": null, "pattern": "1", "dtype": "{{dtype}}", "shape": {{shape}}}""";

    [Theory]
    [InlineData("[4]", new[] { 4 }, 16)]
    [InlineData("[1]", new[] { 1 }, 4)]
    [InlineData("[]", new int[0], 4)]
    [InlineData("[0]", new[] { 0 }, 0)]
    [InlineData("[0, 4, 3]", new[] { 0, 4, 3 }, 0)]
    [InlineData("[480, 0]", new[] { 480, 0 }, 0)]
    [InlineData("[2, 3, 4, 5]", new[] { 2, 3, 4, 5 }, 480)]
    public void An_array_of_any_rank_or_an_empty_one_is_a_frame(string shapeJson, int[] shape, int bytes)
    {
        var result = HeaderReader.Parse(Encoding.UTF8.GetBytes(Header("float32", shapeJson)), out var header, out _);
        Assert.True(result.Success, result.Reason);
        Assert.Equal(shape, header.Shape);

        var payload = new byte[bytes];
        for (var i = 0; i < payload.Length; i++) payload[i] = (byte)(i * 7);
        using var decoder = new PayloadDecoder(1 << 20, fastDct: true, fastUpsample: false);
        using var frame = decoder.Decode(header, payload, out result);
        Assert.True(result.Success, result.Reason);
        Assert.Equal(shape, frame!.Shape);
        Assert.Equal(ElementType.Float32, frame.ElementType);
        Assert.Equal(payload, frame.Data.ToArray());
        Assert.Equal(shape.Length is 2 or 3 && bytes > 0, frame.IsImage);
    }

    [Fact]
    public void A_size_mismatch_of_such_an_array_is_still_malformed()
    {
        HeaderReader.Parse(Encoding.UTF8.GetBytes(Header("float32", "[0, 4]")), out var header, out _);
        using var decoder = new PayloadDecoder(1 << 20, fastDct: true, fastUpsample: false);
        Assert.Null(decoder.Decode(header, new byte[4], out var result));
        Assert.Equal(MalformedKind.SizeMismatch, result.Error);
    }

    [Theory]
    [InlineData("complex64", "'complex64' (complex numbers) is not supported")]
    [InlineData("complex128", "'complex128' (complex numbers) is not supported")]
    [InlineData("<c8", "'<c8' (complex numbers) is not supported")]
    [InlineData(">u2", "'>u2' (big-endian; send little-endian")]
    [InlineData(">f8", "'>f8' (big-endian; send little-endian")]
    [InlineData("<U8", "'<U8' is not supported")]
    [InlineData("object", "'object' is not supported")]
    public void An_element_type_we_cannot_represent_is_refused_naming_it(string dtype, string says)
    {
        var result = HeaderReader.Parse(Encoding.UTF8.GetBytes(Header(dtype, "[2, 2]")), out _, out _);
        Assert.False(result.Success);
        Assert.Equal(MalformedKind.UnknownElementType, result.Error);
        Assert.Contains("dtype " + says, result.Reason, StringComparison.Ordinal);
        Assert.Contains("supported: uint8, int8", result.Reason, StringComparison.Ordinal);
    }

    private static string ReturnedArray(string dtype, string shape)
        => $$"""{"return_type": "ndarray", "compression": false, "array_dtype": "{{dtype}}", "array_shape": {{shape}}, "data": null}""";

    [Theory]
    [InlineData("[4]", new[] { 4 }, 16)]
    [InlineData("[]", new int[0], 4)]
    [InlineData("[0]", new[] { 0 }, 0)]
    public void A_returned_1D_0D_or_empty_array_reaches_the_server(string shapeJson, int[] shape, int bytes)
    {
        // VidGear's recv(return_data=np.arange(4, dtype=np.float32)): coordinates, scores.
        var values = Enumerable.Range(0, bytes / 4).Select(i => (float)i).ToArray();
        var payload = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var log = new CollectingLoggerFactory();
        using var reader = new ReturnDataReader(Settings(log));
        using var reply = reader.Read([Encoding.UTF8.GetBytes(ReturnedArray("float32", shapeJson)), payload]);
        Assert.NotNull(reply?.Frame);
        Assert.Equal("ndarray", reply!.ReturnType);
        Assert.Equal(shape, reply.Frame!.Shape);
        Assert.Equal(values, reply.Frame.AsSpan<float>().ToArray());
        Assert.Empty(Warnings(log));
    }

    [Fact]
    public void A_returned_array_of_an_unsupported_type_is_logged_as_that_not_as_another_mode()
    {
        var log = new CollectingLoggerFactory();
        using var reader = new ReturnDataReader(Settings(log));
        Assert.Null(reader.Read([Encoding.UTF8.GetBytes(ReturnedArray("complex64", "[4]")), new byte[32]]));
        var line = Assert.Single(Warnings(log));
        Assert.Contains("returned data this server cannot read", line, StringComparison.Ordinal);
        Assert.Contains("array_dtype 'complex64' (complex numbers) is not supported", line, StringComparison.Ordinal);
        Assert.DoesNotContain("bidirectional", line, StringComparison.Ordinal);

        // A plain acknowledgement is still what it was: a client in neither mode.
        Assert.Null(reader.Read([Encoding.UTF8.GetBytes("Data received on device: ABCD1234 !")]));
        Assert.Contains("is it in bidirectional or multi-client mode too?", Warnings(log)[^1], StringComparison.Ordinal);
    }

    private static List<string> Warnings(CollectingLoggerFactory log)
    {
        lock (log.Lines) return log.Lines.Where(l => l.Contains(" Warning ", StringComparison.Ordinal)).ToList();
    }

    private static ServerSettings Settings(CollectingLoggerFactory log) => ServerSettings.From(new NetGearServerOptions
    {
        Address = "127.0.0.1", Port = 5566, MultiServerMode = false, BidirectionalMode = true, Transport = TransportKind.NetMq,
        LoggerFactory = log,
    });
}
