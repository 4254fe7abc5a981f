using NetGearSharp.AspNetCore.Live;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// An application that maps the page without OpenCV's native runtime gets, for a raw server's picture, a 503 that says
/// which package to add (before: a 500 with an empty body and a stack trace in the log at every request).
/// </summary>
public sealed class OpenCvRuntimeTests
{
    [Fact]
    public void OpenCVs_native_library_failing_to_load_is_told_from_other_errors()
    {
        var missing = new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies.");
        Assert.True(OpenCvRuntime.IsMissing(missing));
        Assert.True(OpenCvRuntime.IsMissing(new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", missing)));
        Assert.True(OpenCvRuntime.IsMissing(new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", null)));
        Assert.False(OpenCvRuntime.IsMissing(new InvalidOperationException("something else")));
        Assert.False(OpenCvRuntime.IsMissing(new TypeInitializationException("Other.Type", null)));
        Assert.Contains("OpenCvSharp4.official.runtime.linux-x64", OpenCvRuntime.Missing);
    }
}
