import Foundation
import Reports
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Sends a receiver's interval records and figures, one JSON line each, into a FIFO that another
/// process reads (`recv --web-feed PATH`, which `lab --web` adds to its receiver so the lab's
/// page shows the streams of a receiver in another network namespace: the FIFO is in the file
/// system, which namespaces share).
///
/// Lines are encoded and written on the writer's own queue, never on the receiver's packet
/// path; at most ``backlog`` wait, and more are dropped and counted (``dropped``). The FIFO is
/// opened without blocking, so a missing reader is an error at once, not a hang.
package final class WebFeedWriter: Sendable {
    /// Most lines waiting to be written.
    package static let backlog = 8

    private struct State {
        var descriptor: Int32 = -1
        var pending = 0
        var dropped = 0
        var failure: String?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "jitterbug.web-feed")
    private let idle = DispatchGroup()

    /// Opens the FIFO at `path` for writing.
    /// - Throws: a message naming the path when it is not a FIFO with a reader.
    package init(path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO else {
            throw WebFeedError("--web-feed '\(path)': expected a FIFO (made by mkfifo) that a reader has open")
        }
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WebFeedError("--web-feed '\(path)': \(String(cString: strerror(errno))) (nobody is reading it)")
        }
        // Blocking from here on: the writer's queue waits for a slow reader, the receiver never does.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        state.withLock { $0.descriptor = descriptor }
    }

    /// Lines dropped because the reader fell behind or went away.
    package var dropped: Int { state.withLock { $0.dropped } }
    /// Why writing stopped, if it did.
    package var failure: String? { state.withLock { $0.failure } }

    package func publish(interval record: IntervalRecord) {
        enqueue(WebFeedLine(sentUnixSeconds: WebFeedLine.nowUnixSeconds, interval: record))
    }

    package func publish(summary: ReceiverSummary) {
        enqueue(WebFeedLine(sentUnixSeconds: WebFeedLine.nowUnixSeconds, summary: summary))
    }

    private func enqueue(_ line: WebFeedLine) {
        let admitted = state.withLock { state -> Bool in
            guard state.failure == nil, state.descriptor >= 0, state.pending < Self.backlog else {
                state.dropped += 1
                return false
            }
            state.pending += 1
            return true
        }
        guard admitted else { return }
        queue.async(group: idle) { [self] in
            write(line)
            state.withLock { $0.pending -= 1 }
        }
    }

    private func write(_ line: WebFeedLine) {
        let descriptor = state.withLock { $0.descriptor }
        guard descriptor >= 0 else { return }
        guard var bytes = try? WebFeedLine.encoder().encode(line) else {
            state.withLock { $0.dropped += 1 }
            return
        }
        bytes.append(UInt8(ascii: "\n"))
        let failure = bytes.withUnsafeBytes { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        if let failure { state.withLock { $0.failure = failure; $0.dropped += 1 } }
    }

    /// Writes what is queued (waiting at most `seconds`), then closes the FIFO: the reader sees
    /// the end of the feed.
    package func finish(waitingAtMost seconds: Double = 2) {
        _ = idle.wait(timeout: .now() + seconds)
        let descriptor = state.withLock { state -> Int32 in
            defer { state.descriptor = -1 }
            return state.descriptor
        }
        // Closed on the queue, after any write still in progress (a stalled reader: at exit).
        if descriptor >= 0 { queue.async { _ = close(descriptor) } }
    }
}

/// A web feed that cannot be opened or read.
package struct WebFeedError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
