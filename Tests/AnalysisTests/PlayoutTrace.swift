import Foundation
import JitterbugSupport

@testable import Analysis

/// A seeded synthetic stream for the playout tests: 20 ms frames at 48 kHz whose sequence
/// numbers and timestamps wrap, exponential queueing delay with recurring spikes, random loss,
/// duplicates, and the reordering that delay differences make; packets in arrival order.
struct PlayoutTrace {
    struct Packet {
        /// Frame index from 0 (the sender's order).
        var index: Int
        var sequenceNumber: UInt16
        var timestamp: UInt32
        var arrivalNanoseconds: Int64
    }

    static let frameNanoseconds: Int64 = 20_000_000
    static let firstSequence: UInt16 = 65_000
    static let firstTimestamp: UInt32 = 0xFFFF_0000

    var packets: [Packet] = []

    /// - Parameters:
    ///   - constantDelayMilliseconds: when set, every packet takes exactly this long, no loss,
    ///     no duplicates.
    init(seed: UInt64, frames: Int, constantDelayMilliseconds: Int64? = nil) {
        var random = SplitMix64(seed: seed)
        var spike = 0.0
        let origin: Int64 = 5_000_000_000
        for index in 0..<frames {
            let send = origin + Int64(index) * Self.frameNanoseconds
            let packet = { (arrival: Int64) in
                Packet(
                    index: index, sequenceNumber: Self.firstSequence &+ UInt16(truncatingIfNeeded: index),
                    timestamp: Self.firstTimestamp &+ UInt32(truncatingIfNeeded: index * 960), arrivalNanoseconds: arrival)
            }
            if let constantDelayMilliseconds {
                packets.append(packet(send + constantDelayMilliseconds * 1_000_000))
                continue
            }
            if random.nextUnitInterval() < 0.004 { spike = 100 + 150 * random.nextUnitInterval() }
            let queueing = -8 * log(1 - random.nextUnitInterval())
            let delayMilliseconds = 20 + queueing + spike
            spike = max(0, spike - 15)
            // The first frame always arrives, so the trace has a defined origin.
            if index > 0, random.nextUnitInterval() < 0.02 { continue }
            let arrival = send + Int64(delayMilliseconds * 1e6)
            packets.append(packet(arrival))
            if random.nextUnitInterval() < 0.01 { packets.append(packet(arrival + 5_000_000)) }
        }
        packets.sort { ($0.arrivalNanoseconds, $0.index) < ($1.arrivalNanoseconds, $1.index) }
    }

    /// Feeds every packet, in arrival order, to `simulation`.
    func replay(into simulation: inout PlayoutSimulation) {
        for packet in packets {
            simulation.arrival(
                sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, marker: false,
                arrivalNanoseconds: packet.arrivalNanoseconds, payload: [1, 2, 3][...])
        }
    }
}
