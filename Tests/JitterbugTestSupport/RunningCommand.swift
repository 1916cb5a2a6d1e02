import Foundation

/// A child process whose standard output and error are read as they arrive, so a full pipe
/// never blocks it and a test can wait for the line that says it is ready
/// (``waitForLine(containing:timeoutSeconds:)``) instead of sleeping a fixed time.
package final class RunningCommand: @unchecked Sendable {
    // @unchecked: the buffers and `running` are only touched with `condition` locked; `process`
    // is configured before it runs and then only signalled and read.
    package let process: Process
    private let condition = NSCondition()
    private var outData = Data()
    private var errData = Data()
    private var openStreams = 2
    private var running = true
    private let out = Pipe()
    private let err = Pipe()

    /// Takes over `process` (not yet running): its stdout, stderr and termination handler.
    init(process: Process) {
        self.process = process
        process.standardOutput = out
        process.standardError = err
        process.terminationHandler = { [self] _ in
            condition.withLock {
                running = false
                condition.broadcast()
            }
        }
    }

    /// Starts one reader thread per stream (dedicated threads: blocking reads must not tie up
    /// the cooperative pool or GCD's). Called once the process runs.
    func startReading() {
        for isOut in [true, false] {
            let handle = (isOut ? out : err).fileHandleForReading
            Thread { [self] in
                while true {
                    let chunk = handle.availableData  // blocks; empty at end of file
                    condition.withLock {
                        if chunk.isEmpty {
                            openStreams -= 1
                        } else if isOut {
                            outData.append(chunk)
                        } else {
                            errData.append(chunk)
                        }
                        condition.broadcast()
                    }
                    if chunk.isEmpty {
                        // Close our end: a suite starts thousands of processes (the CLI torture
                        // test), and leaked descriptors crashed Foundation's Process.run().
                        try? handle.close()
                        return
                    }
                }
            }.start()
        }
    }

    /// Sends SIGINT, as Ctrl-C would.
    package func interrupt() { process.interrupt() }

    /// Waits until a complete line on stdout or stderr contains `text` and returns that line.
    /// Throws ``CommandWaitError`` when `timeoutSeconds` pass or the process closes both
    /// streams (exits) first; the error shows what it wrote.
    @discardableResult
    package func waitForLine(containing text: String, timeoutSeconds: Double = 10) throws -> String {
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        var scanned = (out: 0, err: 0)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = Self.line(containing: text, in: outData, from: &scanned.out)
                ?? Self.line(containing: text, in: errData, from: &scanned.err)
            {
                return line
            }
            if openStreams == 0 || !condition.wait(until: deadline) {
                throw CommandWaitError(
                    awaited: text, exited: openStreams == 0, stdout: String(decoding: outData, as: UTF8.self),
                    stderr: String(decoding: errData, as: UTF8.self))
            }
        }
    }

    /// Waits up to `timeoutSeconds` for the process to exit, then SIGTERM (and SIGKILL 0.2 s
    /// later); returns its exit code and everything it wrote.
    package func finish(timeoutSeconds: Double) throws -> CommandResult {
        if !waitForExit(until: Date(timeIntervalSinceNow: timeoutSeconds)) {
            process.terminate()
            if !waitForExit(until: Date(timeIntervalSinceNow: 0.2)) { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        // The streams close with the process (unless a grandchild still holds them).
        let drained = Date(timeIntervalSinceNow: 5)
        condition.lock()
        defer { condition.unlock() }
        while openStreams > 0, condition.wait(until: drained) {}
        return CommandResult(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }

    /// Whether the process exited before `deadline`.
    private func waitForExit(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while running {
            if !condition.wait(until: deadline) { return !running }
        }
        return true
    }

    /// The first complete line of `data` after byte `start` that contains `text`; moves
    /// `start` past the complete lines searched.
    private static func line(containing text: String, in data: Data, from start: inout Int) -> String? {
        guard let end = data[(data.startIndex + start)...].lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let lines = String(decoding: data[(data.startIndex + start)..<end], as: UTF8.self).split(separator: "\n")
        start = end + 1 - data.startIndex
        return lines.first { $0.contains(text) }.map(String.init)
    }
}
