namespace NetGearSharp.Security.Tests.Support;

/// <summary>The real VidGear 0.3.5 in multi-server mode with <c>secure_mode</c>, as Python scripts.</summary>
public static class VidGearScripts
{
    /// <summary>A VidGear server sending <paramref name="frames"/> raw frames (bytes of <see cref="Frames.Marker"/>) to 127.0.0.1:port.</summary>
    public static string Server(int port, SecureMode mode, string keys, int frames) => $$"""
        import os, threading
        threading.Timer(90, lambda: os._exit(3)).start()
        import numpy as np
        from vidgear.gears import NetGear
        marker = np.frombuffer({{PyBytes(Frames.Marker)}}, dtype=np.uint8)
        frame = np.resize(marker, 16 * 32 * 3).reshape(16, 32, 3).copy()
        server = NetGear(address="127.0.0.1", port="{{port}}", protocol="tcp", pattern=1, logging=True,
                         multiserver_mode=True, secure_mode={{(int)mode}}, custom_cert_location={{Python.Quote(keys)}},
                         jpeg_compression=False, max_retries=2, request_timeout=6)
        for n in range({{frames}}):
            server.send(frame, message={"n": n})
            print("SENT", n, flush=True)
        server.close()
        print("DONE", flush=True)
        os._exit(0)
        """;

    /// <summary>
    /// A VidGear client on 127.0.0.1:port that prints each frame's port and whether its bytes are intact, until the
    /// server's goodbye (recv() gives None) or <paramref name="frames"/> more than expected; then it exits.
    /// </summary>
    public static string Client(int port, SecureMode mode, string keys, int frames) => $$"""
        import os, threading
        threading.Timer(90, lambda: os._exit(3)).start()
        import numpy as np
        from vidgear.gears import NetGear
        marker = np.frombuffer({{PyBytes(Frames.Marker)}}, dtype=np.uint8)
        client = NetGear(address="127.0.0.1", port=["{{port}}"], protocol="tcp", pattern=1, receive_mode=True, logging=True,
                         multiserver_mode=True, secure_mode={{(int)mode}}, custom_cert_location={{Python.Quote(keys)}})
        print("READY", flush=True)
        got = 0
        while got < {{frames}} + 100:
            data = client.recv()
            if data is None:
                break
            frame = data[-1]
            intact = bytes(frame.tobytes()[:len(marker)]) == marker.tobytes()
            print("FRAME", data[0], intact, flush=True)
            got += 1
        print("GOT", got, flush=True)
        os._exit(0)
        """;

    private static string PyBytes(byte[] bytes) => "bytes([" + string.Join(",", bytes) + "])";
}
