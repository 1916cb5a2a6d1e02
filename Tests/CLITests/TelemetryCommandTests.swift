import Foundation
import Testing

/// Telemetry end to end: `send --telemetry` → `recv --telemetry-out`, with the gap records
/// matching the impairment ground truth packet for packet.
@Suite(.serialized) struct TelemetryCommandTests {
    @Test func thousandSamplesPerSecondForTenSecondsWithLoss() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = directory.appendingPathComponent("telemetry.jsonl").path
        let summary = directory.appendingPathComponent("summary.json").path
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "30s", "--interval", "0s",
             "--telemetry-out", records, "--json", summary])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--telemetry", "imu", "--rate", "1khz", "--samples-per-frame", "10",
             "--duration", "10s", "--impair", "loss=ge:4%/2,seed=21", "--impair-log", truth],
            timeoutSeconds: 40)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(sender.stdout.contains("sent 1000 packets"))
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)

        let dropped = Set(
            try String(contentsOfFile: truth, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("\"fate\":\"dropped\"") }
                .compactMap { line -> Int? in
                    guard let range = line.range(of: "\"index\":") else { return nil }
                    return Int(line[range.upperBound...].prefix { $0.isNumber })
                })
        #expect(dropped.count > 10)
        let lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        let samples = objects.filter { $0["type"] as? String == "sample" }
        let gaps = objects.filter { $0["type"] as? String == "gap" }
        // Map sequence numbers to send indexes through the first packet that arrived.
        let firstIndex = try #require((0..<1000).first { !dropped.contains($0) })
        let lastIndex = try #require((0..<1000).last { !dropped.contains($0) })
        let firstSequence = try #require(samples.first?["seq"] as? Int)
        var lostBySequence = Set<Int>()
        for gap in gaps {
            let first = try #require(gap["first_seq"] as? Int)
            let last = try #require(gap["last_seq"] as? Int)
            for s in first...last { lostBySequence.insert(s - firstSequence + firstIndex) }
        }
        let droppedInside = dropped.filter { $0 > firstIndex && $0 < lastIndex }
        #expect(lostBySequence == droppedInside, "gaps \(lostBySequence.sorted()) vs truth \(droppedInside.sorted())")
        #expect(samples.count == (lastIndex - firstIndex + 1 - droppedInside.count) * 10)
        let sample = try #require(samples.first)
        let values = try #require(sample["values"] as? [String: Any])
        #expect(Set(values.keys) == ["ax", "ay", "az", "gx", "gy", "gz"])
        #expect(sample["latency_ms"] is Double)

        let json = try readJSONObject(summary)
        let telemetry = try #require(json["telemetry"] as? [String: Any])
        #expect(telemetry["gaps"] as? Int == gaps.count)
        let age = try #require(telemetry["age_of_information"] as? [String: Any])
        let p50 = try #require(age["p50Milliseconds"] as? Double)
        #expect(p50 > 0 && p50 < 100, "age of information p50 \(p50) ms")
    }

    @Test func csvOutputAndCSVInput() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("readings.csv").path
        try "time,temperature:float64,pressure:float32,ok:bool\n0.0,21.5,1013.2,true\n0.1,21.6,1013.1,true\n0.2,21.7,1013.0,false\n"
            .write(toFile: input, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.csv").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "15s", "--interval", "0s",
             "--telemetry-out", output, "--format", "csv"])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--telemetry", "csv", "--input", input, "--rate", "10hz"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(rows.first?.contains("temperature") == true, "\(rows)")
        // The first packet starts A.1 probation and is held, so all three rows arrive.
        #expect(rows.count == 4, "\(rows)")
        #expect(rows.last?.contains("21.7") == true)
    }

    @Test func badCSVNamesFileAndLine() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("bad.csv").path
        try "a,b\n1,2\n3\n".write(toFile: input, atomically: true, encoding: .utf8)
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--telemetry", "csv", "--input", input])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("bad.csv:3"), "\(result.stderr)")
    }

    @Test func badRateIsAUsageError() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--telemetry", "imu", "--rate", "fast"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("fast"))
    }
}

/// `jitterbug compare --source telemetry` (on loopback, labelled as such).
@Suite(.serialized) struct TelemetryCompareCommandTests {
    @Test func compareRunsWithTelemetry() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("compare.json").path
        let result = try CommandRunner.jitterbug(
            ["compare", "--no-lab", "--source", "telemetry", "--duration", "2s", "--impair", "loss=10%,seed=3", "--json", json],
            timeoutSeconds: 60)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("loopback TCP, not impaired"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let udp = try #require((report["blocks"] as? [[String: Any]])?.first?["udp"] as? [String: Any])
        #expect((udp["packets_sent"] as? Int ?? 0) >= 95)
        #expect((udp["lost_packets"] as? Int ?? 0) > 0)
    }
}
