import Benchmark
import RTP

/// A 20 ms Opus-sized RTP packet: 12-byte header + 160 payload bytes (172 on the wire), or with
/// the RFC 6051 ntp-64 send-time element the sender adds (16 more bytes: 188).
func samplePacket(sendTimeExtension: Bool) -> RTPPacket {
    let extensions = sendTimeExtension
        ? [NTPTimestamp(seconds: 3_970_000_000, fraction: 0x1234_5678).ntp64ExtensionElement()] : []
    let header = RTPHeader(
        marker: false, payloadType: 111, sequenceNumber: 4_711, timestamp: 1_234_560, ssrc: 0xDEAD_BEEF,
        extensions: extensions)
    return RTPPacket(header: header, payload: (0..<160).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
}

let benchmarks: @Sendable () -> Void = {
    // Wall clock, throughput and mallocs; 1000 packets per measured iteration, reported per
    // packet with `--scale`.
    let perPacket = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(2))
    let plain = samplePacket(sendTimeExtension: false)
    let extended = samplePacket(sendTimeExtension: true)
    let plainBytes = plain.serialized()
    let extendedBytes = extended.serialized()
    precondition(plainBytes.count == 172 && extendedBytes.count == 188)

    // The receiver's call (AudioReceiverCore.receive): validate in place, read the send time.
    Benchmark("RTP view parse 188 B + ntp-64 read (receive path)", configuration: perPacket) { benchmark in
        extendedBytes.withUnsafeBytes { bytes in
            for _ in benchmark.scaledIterations {
                guard let view = try? RTPPacketView(validating: bytes) else { continue }
                blackHole(view.extensionData(id: 1).flatMap { NTPTimestamp(ntp64Data: $0) })
                blackHole(view.payload.count)
            }
        }
    }

    // The copying parse (RTPPacket: header, extension elements and payload as arrays).
    Benchmark("RTP parse 172 B", configuration: perPacket) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? RTPPacket(parsing: plainBytes))
        }
    }

    Benchmark("RTP parse 188 B + ntp-64 extension", configuration: perPacket) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? RTPPacket(parsing: extendedBytes))
        }
    }

    // The sender's call (AudioSender, LoadSender): a fresh array per packet.
    Benchmark("RTP serialize 172 B, serialized()", configuration: perPacket) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(plain.serialized())
        }
    }

    Benchmark("RTP serialize 188 B + ntp-64 extension, serialized()", configuration: perPacket) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(extended.serialized())
        }
    }

    // The allocation-free form: one reused buffer.
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1_500)
    Benchmark("RTP serialize 172 B, serialize(into:) reused buffer", configuration: perPacket) { benchmark in
        for _ in benchmark.scaledIterations {
            buffer.removeAll(keepingCapacity: true)
            plain.serialize(into: &buffer)
            blackHole(buffer.count)
        }
    }

    // What a sender transmits every few seconds: SR (no report blocks) + SDES CNAME.
    let compound = RTCPCompound.serialize([
        .senderReport(
            SenderReport(
                ssrc: 0xDEAD_BEEF, ntp: NTPTimestamp(seconds: 3_970_000_000, fraction: 0x1234_5678),
                rtpTimestamp: 1_234_560, packetCount: 250, octetCount: 40_000)),
        .sourceDescription(.cname(ssrc: 0xDEAD_BEEF, "jitterbug-send@deadbeef")),
    ])
    precondition((try? RTCPCompound.parse(compound))?.count == 2)
    Benchmark("RTCP compound parse SR + SDES (\(compound.count) B)", configuration: perPacket) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? RTCPCompound.parse(compound))
        }
    }
}
