import Foundation
import NIOCore
import Pipelines
import Synchronization
import Testing

@Suite("Receiver pipeline")
struct ReceiverPipelineTests {
    @Test("binds UDP, RTCP on port + 1 and TCP, says where, writes the interval files, stops on its own")
    func readinessAndOutputs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-pipeline-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("intervals.csv").path
        var configuration = ReceiverPipelineConfiguration(
            listen: try SocketAddress(ipAddress: "127.0.0.1", port: 0), receiver: AudioReceiverConfiguration(),
            stop: ReceiverStopCondition(duration: .milliseconds(300)))
        configuration.interval = .milliseconds(100)
        configuration.intervalCSV = csv
        let lines = Mutex<[String]>([])
        let summary = try await ReceiverPipeline.run(configuration) { line in lines.withLock { $0.append(line) } }
        let reported = lines.withLock { $0 }
        let ready = try #require(reported.first)
        #expect(ready.hasPrefix("jitterbug recv: listening on 127.0.0.1:"))
        #expect(ready.contains(", RTCP on 127.0.0.1:"))
        #expect(ready.hasSuffix(", and TCP RFC 4571)"))
        #expect(reported.count >= 3, "readiness, header and interval lines: \(reported)")
        #expect(summary.packets == 0)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count >= 2, "a header and at least one interval row")
    }

    @Test("an output that cannot be opened fails before anything is bound, naming the path")
    func badOutputPath() async throws {
        var configuration = ReceiverPipelineConfiguration(
            listen: try SocketAddress(ipAddress: "127.0.0.1", port: 0), receiver: AudioReceiverConfiguration(),
            stop: ReceiverStopCondition(duration: .milliseconds(100)))
        configuration.packetTrace = "/nonexistent/trace.csv"
        await #expect {
            _ = try await ReceiverPipeline.run(configuration) { _ in Issue.record("nothing should be reported") }
        } throws: { error in
            "\(error)".contains("/nonexistent/trace.csv")
        }
    }
}
