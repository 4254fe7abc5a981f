using System.Text;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

/// <summary>Malformed headers are classified, never thrown.</summary>
public class HeaderReaderTests
{
    [Theory]
    [InlineData("not json", MalformedKind.InvalidJson)]
    [InlineData("[1,2]", MalformedKind.InvalidJson)]
    [InlineData("{\"port\": \"5566\"", MalformedKind.InvalidJson)]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": \"no\"}", MalformedKind.BadHeaderField)]
    [InlineData("{\"port\": \"5566\", \"compression\": false, \"dtype\": \"uint8\", \"shape\": [2, 2]}", MalformedKind.BadHeaderField)]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": false, \"compression\": false, \"dtype\": \"complex128\", \"shape\": [2, 2]}", MalformedKind.UnknownElementType)]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": false, \"compression\": false, \"dtype\": \"uint8\", \"shape\": [-1, 2]}", MalformedKind.BadShape)]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": false, \"compression\": false, \"dtype\": \"uint8\", \"shape\": [99999999999]}", MalformedKind.BadShape)]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": false, \"compression\": false, \"dtype\": \"uint8\", \"shape\": \"480x640\"}", MalformedKind.BadHeaderField)]
    [InlineData("{\"port\": \"5566\", \"terminate_flag\": false, \"compression\": false, \"dtype\": \"uint8\", \"shape\": [2, 2.5]}", MalformedKind.BadShape)]
    [InlineData("{\"port\": \"abc\", \"terminate_flag\": false}", MalformedKind.UnknownPort)]
    [InlineData("{\"port\": 70000, \"terminate_flag\": false}", MalformedKind.UnknownPort)]
    [InlineData("{\"port\": [1], \"terminate_flag\": false}", MalformedKind.BadHeaderField)]
    [InlineData("{\"terminate_flag\": false, \"compression\": 7}", MalformedKind.BadHeaderField)]
    public void MalformedHeadersAreClassified(string json, MalformedKind kind)
    {
        var result = HeaderReader.Parse(Encoding.UTF8.GetBytes(json), out _, out _);
        Assert.False(result.Success);
        Assert.Equal(kind, result.Error);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Theory]
    [InlineData(NetGearMessageJson.MaxDepth, true)] // as deep as Python's json reads by default
    [InlineData(NetGearMessageJson.MaxDepth + 1, false)]
    public void AMessageIsReadUpToMaxDepthDeep(int depth, bool read)
    {
        var message = new string('[', depth) + new string(']', depth);
        var json = "{\"terminate_flag\": false, \"message\": " + message + ", \"dtype\": \"uint8\", \"shape\": [1]}";
        var result = HeaderReader.Parse(Encoding.UTF8.GetBytes(json), out var header, out _);
        Assert.Equal(read, result.Success);
        if (read) Assert.Equal(message, Encoding.UTF8.GetString(header.Message));
        else Assert.Equal(MalformedKind.InvalidJson, result.Error);
    }

    [Fact]
    public void InvalidUtf8IsInvalidJson()
    {
        byte[] bytes = [.. "{\"terminate_flag\": false, \"message\": \""u8, 0xff, 0xfe, .. "\", \"dtype\": \"uint8\", \"shape\": [1]}"u8];
        var result = HeaderReader.Parse(bytes, out _, out _);
        Assert.False(result.Success);
    }

    [Fact]
    public void NumericPortIsAccepted()
    {
        var result = HeaderReader.Parse("{\"port\": 5566, \"terminate_flag\": true}"u8, out var header, out var port);
        Assert.True(result.Success);
        Assert.Equal(5566, port);
        Assert.True(header.Terminate);
    }

    [Fact]
    public void PortIsReportedEvenWhenTheRestIsBad()
    {
        var result = HeaderReader.Parse("{\"port\": \"5566\", \"terminate_flag\": false, \"dtype\": \"nope\", \"shape\": [1, 1]}"u8, out _, out var port);
        Assert.False(result.Success);
        Assert.Equal(5566, port);
    }

    [Fact]
    public void KeyOrderAndSpacingDoNotMatter()
    {
        var result = HeaderReader.Parse("{\"shape\":[2,3],\"dtype\":\"int16\",\"message\":{\"a\":[1,{}]},\"terminate_flag\":false,\"port\":\"7\",\"extra\":1}"u8,
            out var header, out var port);
        Assert.True(result.Success, result.Reason);
        Assert.Equal(7, port);
        Assert.Equal(ElementType.Int16, header.ElementType);
        Assert.NotNull(header.Shape);
        Assert.Equal([2, 3], header.Shape!);
        Assert.Equal("{\"a\":[1,{}]}", Encoding.UTF8.GetString(header.Message));
    }
}
