import Lab
#if os(Linux)
import Foundation
import JitterbugTestSupport

/// Helpers for the lab tests: small python3 programs run inside the lab's namespaces (python3
/// sockets are the simplest real UDP/TCP endpoints there); each touches a ready file once bound.
enum LabTestSupport {
    /// The system python3 (starts in ~40 ms; pyenv shims take several times longer).
    static let python: String = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
    }()

    /// True when lab tests can run: root with the needed capabilities, /dev/net/tun, `ip`.
    static let canRunLab: Bool = (try? LabPrerequisites.current().check()) != nil && pythonExists

    /// Whether python3 can be found (the namespace tests' endpoints).
    static let pythonExists = ExternalProgram.which("python3") != nil
        || FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    /// Why lab tests are skipped, for `.enabled(if:_:)`.
    static let skipReason: String = {
        do {
            _ = try LabPrerequisites.current().check()
            return pythonExists ? "lab prerequisites present" : "lab tests skipped: python3 not found"
        } catch { return "lab tests skipped: \(error)" }
    }()

    /// Receives datagrams on PORT until IDLE s pass without one (after the first) or LIMIT s in
    /// all; touches READY once bound. Prints {"count","seqs" (first 4 bytes, big endian),"span"}.
    static let udpReceiver = """
        import json, socket, sys, time
        port, ready, idle, limit, keep = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5] == "1"
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        s.bind(("0.0.0.0", port))
        s.settimeout(0.05)
        open(ready, "w").close()
        seqs, count, first, last, start = [], 0, None, None, time.monotonic()
        while True:
            now = time.monotonic()
            if now - start > limit or (last is not None and now - last > idle):
                break
            try:
                d = s.recv(65535)
            except socket.timeout:
                continue
            last = time.monotonic()
            first = first or last
            count += 1
            if keep:
                seqs.append(int.from_bytes(d[:4], "big"))
        print(json.dumps({"count": count, "seqs": seqs, "span": (last - first) if first else 0.0}))
        """

    /// Sends COUNT datagrams of SIZE bytes (sequence number first) to HOST:PORT, pausing PAUSE s
    /// after every BURST datagrams (BURST 0: no pauses). Prints the seconds it took.
    static let udpSender = """
        import socket, sys, time
        host, port, n, size, burst, pause = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        pad = bytes(max(0, size - 4))
        t = time.monotonic()
        for i in range(n):
            try:
                s.sendto(i.to_bytes(4, "big") + pad, (host, port))
            except OSError:
                pass
            if burst and (i + 1) % burst == 0:
                time.sleep(pause)
        print(time.monotonic() - t)
        """

    /// Echoes datagrams on PORT until nothing arrives for IDLE s; touches READY once bound.
    static let udpEcho = """
        import socket, sys
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("0.0.0.0", int(sys.argv[1])))
        s.settimeout(float(sys.argv[3]))
        open(sys.argv[2], "w").close()
        try:
            while True:
                d, a = s.recvfrom(2048)
                s.sendto(d, a)
        except socket.timeout:
            pass
        """

    /// Sends COUNT echo requests to HOST:PORT one at a time; prints {"median_us","p99_us","lost"}.
    static let udpPing = """
        import json, socket, sys, time
        host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(1.0)
        rtts, lost = [], 0
        for i in range(n):
            t = time.perf_counter()
            s.sendto(i.to_bytes(4, "big"), (host, port))
            try:
                while int.from_bytes(s.recv(64)[:4], "big") != i:
                    pass
                rtts.append((time.perf_counter() - t) * 1e6)
            except socket.timeout:
                lost += 1
        rtts.sort()
        pick = lambda q: rtts[min(len(rtts) - 1, int(q * len(rtts)))] if rtts else -1
        print(json.dumps({"median_us": pick(0.5), "p99_us": pick(0.99), "lost": lost}))
        """

    /// Accepts one TCP connection on PORT and prints how many bytes arrived before EOF.
    static let tcpServer = """
        import socket, sys
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", int(sys.argv[1])))
        s.listen(1)
        s.settimeout(float(sys.argv[3]))
        open(sys.argv[2], "w").close()
        c, _ = s.accept()
        c.settimeout(float(sys.argv[3]))
        total = 0
        while True:
            d = c.recv(1 << 16)
            if not d:
                break
            total += len(d)
        print(total)
        """

    /// Connects to HOST:PORT (retrying while refused) and sends BYTES bytes; prints seconds.
    static let tcpClient = """
        import socket, sys, time
        host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        t = time.monotonic()
        s = socket.create_connection((host, port), timeout=20)
        s.sendall(bytes(n))
        s.shutdown(socket.SHUT_WR)
        s.recv(1)
        print(time.monotonic() - t)
        """

    /// Parses a JSON object printed by one of the scripts.
    static func json(_ text: String) -> [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Namespaces in `ip netns list`.
    static func namespaces() throws -> [String] {
        let ip = try LabPrerequisites.current().check()
        return try LabNamespaces.list(ipPath: ip)
    }

    /// Interfaces of the root namespace (`ip -o link`), to look for leftover TUN devices.
    static func rootInterfaces() throws -> String {
        let ip = try LabPrerequisites.current().check()
        let result = try LabProcess(arguments: [ip, "-o", "link"]).waitBlocking(timeout: .seconds(5))
        return result.standardOutput
    }
}
#endif
