import Foundation
import JitterbugTestSupport
import Testing
@testable import Capture

#if canImport(Glibc)
import Glibc
#endif

/// A write that fails in the middle of a run (here a 2 MB file-size limit, as a full disk
/// would): the error is reported, everything not in the file is counted as dropped, and the
/// file stays readable with exactly the packets said to be written.
@Suite(.serialized) struct PcapWriterFailureTests {
    @Test(.enabled(if: PcapWriterTshark.path != nil)) func writeFailureIsCountedAndTheFileStaysReadable() throws {
        try TemporaryDirectory.withSync { directory in
            let file = directory.appendingPathComponent("limited.pcap").path
            var saved = rlimit()
            getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
            let previousHandler = signal(SIGXFSZ, SIG_IGN)
            var limited = saved
            limited.rlim_cur = 2_000_000
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limited)
            let queue = try PcapWriterQueue(path: file)
            let source = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 40_000)
            let destination = PcapWriterEndpoint(ipv4: 0x7F00_0001, port: 5_004)
            let payload = [UInt8](repeating: 0x5A, count: 100)
            for index in 0..<40_000 {
                _ = payload.withUnsafeBytes {
                    queue.enqueueUDP(timestampNanoseconds: Int64(index), source: source, destination: destination, payload: $0)
                }
                if index % 1_000 == 0 { usleep(1_000) }
            }
            let counters = queue.close()
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
            signal(SIGXFSZ, previousHandler)

            #expect(counters.error?.contains("File too large") == true, "\(counters)")
            #expect(counters.packets + counters.dropped == 40_000)
            #expect(counters.packets > 0 && counters.dropped > 0)
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
            #expect(size.map(Int64.init) == counters.fileBytes)
            #expect(counters.fileBytes <= 2_000_000)
            let rows = try PcapWriterTshark.fields(file, ["frame.number"])
            #expect(rows.count == counters.packets)
        }
    }
}
