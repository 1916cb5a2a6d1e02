#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a TCP socket to 127.0.0.1 (no curl, no URLSession): plain
/// requests, and a long-lived response read line by line, for Server-Sent Events tests. Every
/// read has a timeout, so a silent server fails the test instead of hanging it. Used by one
/// task at a time (hence `@unchecked Sendable`: a test may hand it to a reading task).
package final class LoopbackHTTPClient: @unchecked Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; nil when the connection is refused.
    /// - Parameters:
    ///   - receiveBufferBytes: the socket's receive buffer (small, to play a slow client), or nil.
    ///   - readTimeoutSeconds: each read gives up after this long.
    package init?(port: Int, receiveBufferBytes: Int? = nil, readTimeoutSeconds: Int = 5) {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var timeout = timeval(tv_sec: readTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBufferBytes.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // No close(fd) here: a class whose stored properties are all set runs `deinit` even when
        // its failable init returns nil, and a second close could shut a socket that NIO had
        // opened in this process with the same number meanwhile (a test trapped in NIO's
        // getsockname with EBADF that way).
        guard connected == 0 else { return nil }
    }

    deinit { close(fd) }

    /// Sends `METHOD path` with `Connection: close`; false when the send failed.
    @discardableResult
    package func send(_ method: String = "GET", _ path: String) -> Bool {
        let request = Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        return systemSend(request) == request.count
    }

    private func systemSend(_ bytes: [UInt8]) -> Int {
        #if canImport(Glibc)
        Glibc.send(fd, bytes, bytes.count, 0)
        #else
        Darwin.send(fd, bytes, bytes.count, 0)
        #endif
    }

    /// The body is chunked (`Transfer-Encoding: chunked`): ``readEvents(_:)`` unwraps it.
    private var chunked = false
    /// Body bytes already unwrapped from their chunks.
    private var body: [UInt8] = []

    /// The next line of the body (chunks unwrapped), or nil at its end or on timeout.
    private func readBodyLine() -> String? {
        guard chunked else { return readLine() }
        while true {
            if let newline = body.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(body[..<newline])
                body.removeFirst(newline + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let sizeLine = readLine(), let size = Int(sizeLine, radix: 16), size > 0 else { return nil }
            while pending.count < size + 2 {
                var buffer = [UInt8](repeating: 0, count: 16_384)
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { return nil }
                pending += buffer[0..<count]
            }
            body += pending[0..<size]
            pending.removeFirst(size + 2)
        }
    }

    /// The next line (without CR LF), or nil at the end of the stream or on timeout.
    package func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var buffer = [UInt8](repeating: 0, count: 16_384)
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            pending += buffer[0..<count]
        }
    }

    /// Everything until the server closes (or a read times out).
    package func readAll() -> String {
        var bytes = pending
        pending = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One request on a fresh connection: (status, headers text, body), nil when refused.
    package static func request(port: Int, _ method: String = "GET", _ path: String) -> (status: Int, head: String, body: String)? {
        guard let client = LoopbackHTTPClient(port: port) else { return nil }
        guard client.send(method, path) else { return nil }
        let text = client.readAll()
        guard let end = text.range(of: "\r\n\r\n"),
            let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return (status, String(text[..<end.lowerBound]), String(text[end.upperBound...]))
    }

    /// The events of a Server-Sent Events stream: reads the response head, then `count` events
    /// (`id`, `event`, `data`), or fewer when the stream ends, a read times out, or an event
    /// named `last` came (it is included).
    package func readEvents(_ count: Int, last: String? = nil) -> [(id: Int?, event: String, data: String)] {
        while let line = readLine(), !line.isEmpty {  // the response head
            if line.lowercased() == "transfer-encoding: chunked" { chunked = true }
        }
        var events: [(id: Int?, event: String, data: String)] = []
        var id: Int?
        var name = "message"
        var data = ""
        while events.count < count, let line = readBodyLine() {
            if line.isEmpty {
                if !data.isEmpty { events.append((id, name, data)) }
                if !data.isEmpty, name == last { break }
                (id, name, data) = (nil, "message", "")
            } else if line.hasPrefix("id: ") {
                id = Int(line.dropFirst(4))
            } else if line.hasPrefix("event: ") {
                name = String(line.dropFirst(7))
            } else if line.hasPrefix("data: ") {
                data += line.dropFirst(6)
            }
        }
        return events
    }
}
