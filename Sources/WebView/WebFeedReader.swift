import Foundation
import Reports
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reads a receiver's web feed (see ``WebFeedWriter``) from a FIFO it creates, on a thread of
/// its own, and hands each record and summary on with its times moved onto the reader's clock.
///
/// The reader keeps a write end of its own open until ``finish()``, so the feed does not end
/// before the receiver has opened it. A line longer than ``maximumLineBytes`` is skipped.
package final class WebFeedReader: Sendable {
    /// The longest line kept (a summary of many streams), bytes.
    package static let maximumLineBytes = 64 << 20

    /// The FIFO the receiver writes to.
    package let path: String
    private let descriptor: Int32
    private let keepOpen: Mutex<Int32>
    private let linesRead = Mutex(0)
    private let done = DispatchSemaphore(value: 0)

    /// Makes the FIFO `path` (it must not exist) and opens it.
    /// - Throws: ``WebFeedError`` naming the path.
    package init(path: String) throws {
        guard mkfifo(path, 0o600) == 0 else {
            throw WebFeedError("cannot make the feed FIFO '\(path)': \(String(cString: strerror(errno)))")
        }
        let reading = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        let writing = reading < 0 ? -1 : open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard reading >= 0, writing >= 0 else {
            if reading >= 0 { close(reading) }
            throw WebFeedError("cannot open the feed FIFO '\(path)': \(String(cString: strerror(errno)))")
        }
        _ = fcntl(reading, F_SETFL, fcntl(reading, F_GETFL) & ~O_NONBLOCK)
        self.path = path
        descriptor = reading
        keepOpen = Mutex(writing)
    }

    /// Lines decoded so far.
    package var lines: Int { linesRead.withLock { $0 } }

    /// Reads until the feed ends, on a new thread.
    /// - Parameters:
    ///   - originUnixSeconds: the reader's time zero, seconds since 1970: each interval record's
    ///     end is moved to when it was sent on this axis (its start by the same amount).
    ///   - interval: called with each interval record.
    ///   - summary: called with each summary.
    package func start(
        originUnixSeconds: Double, interval: @escaping @Sendable (IntervalRecord) -> Void,
        summary: @escaping @Sendable (ReceiverSummary) -> Void
    ) {
        let thread = Thread { [self] in
            readAll { line in
                if var record = line.interval {
                    let end = line.sentUnixSeconds - originUnixSeconds
                    record.startSeconds += end - record.endSeconds
                    record.endSeconds = end
                    interval(record)
                }
                if let figures = line.summary { summary(figures) }
            }
            done.signal()
        }
        thread.name = "jitterbug web feed"
        thread.start()
    }

    private func readAll(_ handle: (WebFeedLine) -> Void) {
        let decoder = WebFeedLine.decoder()
        var pending: [UInt8] = []
        var skipping = false
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var start = 0
            for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                if !skipping {
                    pending += chunk[start..<index]
                    if let line = try? decoder.decode(WebFeedLine.self, from: Data(pending)) {
                        linesRead.withLock { $0 += 1 }
                        handle(line)
                    }
                }
                pending.removeAll(keepingCapacity: true)
                skipping = false
                start = index + 1
            }
            if !skipping { pending += chunk[start..<count] }
            if pending.count > Self.maximumLineBytes {
                pending.removeAll()
                skipping = true
            }
        }
        close(descriptor)
    }

    /// Lets the feed end once the receiver has closed it (or at once if it never opened it),
    /// waits at most `seconds` for the lines still in the FIFO, and removes the FIFO.
    package func finish(waitingAtMost seconds: Double = 2) {
        let writing = keepOpen.withLock { descriptor -> Int32 in
            defer { descriptor = -1 }
            return descriptor
        }
        if writing >= 0 { close(writing) }
        _ = done.wait(timeout: .now() + seconds)
        unlink(path)
    }
}
