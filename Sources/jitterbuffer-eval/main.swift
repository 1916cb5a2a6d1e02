// Replays synthetic delay/loss traces through the adaptive jitter buffer and through fixed
// buffers, and prints a markdown table (see Tools/jitter-eval). Deterministic: fixed seeds.
import Foundation
import JitterBuffer

let traces: [Trace] = [
    .steady(), .spikes(), .gilbertElliott(), .reordering(), .drift(ppm: 500), .drift(ppm: -500),
] + Trace.recordedTraces(directory: "Tools/traces")
let fixedDelays = [20, 40, 60, 80, 100, 150, 200]

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Smallest fixed delay (1 ms resolution) whose late loss is at most `lateLossPercent`.
func hindsightOptimal(_ trace: Trace, lateLossPercent: Double) throws -> (Int, ReplayResult) {
    var low = 0
    var high = 500
    var best = try replay(trace, configuration: .init(fixedDelay: .milliseconds(high)))
    while low < high {
        let middle = (low + high) / 2
        let result = try replay(trace, configuration: .init(fixedDelay: .milliseconds(middle)))
        if result.lateLossPercent <= lateLossPercent + 1e-9 {
            high = middle
            best = result
        } else {
            low = middle + 1
        }
    }
    return (high, best)
}

print("# Jitter buffer evaluation\n")
print("5 min of 20 ms frames per trace; delay = playout tick − send time (end to end, 20 ms propagation included);")
print("late = arrived after its slot (% of delivered packets); conceal = PLC ticks (% of ticks).")
print("Fixed buffers use `fixedDelay` (target delay above the fastest recent packet, adaptation off).\n")
print("| trace | adaptive delay ms | late % | conceal % | drift ppm est. | optimal fixed (ms) | its delay ms | ratio | ratio excl. propagation | goal | "
    + fixedDelays.map { "fixed \($0) ms: delay / late %" }.joined(separator: " | ") + " |")
print("|" + String(repeating: "---|", count: 10 + fixedDelays.count))
var allMet = true
var totalNanoseconds: Int64 = 0
var totalPackets = 0
for trace in traces {
    let clock = ContinuousClock()
    let start = clock.now
    let adaptive = try replay(trace, configuration: .init())
    let elapsed = clock.now - start
    totalNanoseconds += elapsed.nanoseconds
    totalPackets += adaptive.packets
    precondition(adaptive.balanced, "ledger out of balance on \(trace.name)")
    let (optimalDelay, optimal) = try hindsightOptimal(trace, lateLossPercent: adaptive.lateLossPercent)
    let ratio = adaptive.meanDelayMilliseconds / max(1e-9, optimal.meanDelayMilliseconds)
    let propagation = trace.baseDelayMilliseconds
    let bufferRatio = (adaptive.meanDelayMilliseconds - propagation) / max(1e-9, optimal.meanDelayMilliseconds - propagation)
    let met = adaptive.lateLossPercent <= 1 && ratio <= 1.15 && bufferRatio <= 1.15
    allMet = allMet && met
    var row = "| \(trace.name) | \(format(adaptive.meanDelayMilliseconds)) | \(format(adaptive.lateLossPercent, 2)) | "
    row += "\(format(adaptive.concealmentPercent, 2)) | \(format(adaptive.driftPPM, 0)) | \(optimalDelay) | "
    row += "\(format(optimal.meanDelayMilliseconds)) | \(format(ratio, 2)) | \(format(bufferRatio, 2)) | "
    row += "\(met ? "met" : "**missed**") |"
    for delay in fixedDelays {
        let fixed = try replay(trace, configuration: .init(fixedDelay: .milliseconds(Int64(delay))))
        row += " \(format(fixed.meanDelayMilliseconds, 0)) / \(format(fixed.lateLossPercent, 2)) |"
    }
    print(row)
}
/// insert + pop only: 300 000 in-order packets with 0–10 ms jitter, pre-built, one pop per packet.
func insertPopNanoseconds() throws -> Double {
    var random = TraceRandom(state: 9)
    let count = 300_000
    let packets = (0..<count).map { k in
        JitterBufferPacket(
            ssrc: 1, sequenceNumber: UInt16(truncatingIfNeeded: k), timestamp: UInt32(truncatingIfNeeded: k &* 960),
            arrival: .nanoseconds(Int64(k) * 20_000_000 + Int64(10_000_000 * random.unit())), payload: [1])
    }
    var buffer = try JitterBuffer()
    var sink = 0
    let clock = ContinuousClock()
    let start = clock.now
    for (k, packet) in packets.enumerated() {
        _ = buffer.insert(packet)
        if buffer.pop(now: .nanoseconds(Int64(k) * 20_000_000 + 15_000_000)) != nil { sink += 1 }
    }
    let elapsed = clock.now - start
    precondition(sink > 0 && buffer.ledger.isBalanced)
    return Double(elapsed.nanoseconds) / Double(count)
}

let perPacket = Double(totalNanoseconds) / Double(max(1, totalPackets))
let insertPop = try insertPopNanoseconds()
print("\ninsert + pop: \(format(insertPop, 0)) ns per packet (goal < 1000 ns: \(insertPop < 1000 ? "met" : "**missed**")); "
    + "whole adaptive replay incl. trace set-up and driver: \(format(perPacket, 0)) ns per packet.")
print("Goal (late ≤ 1 % and delay ≤ 1.15 × hindsight-optimal fixed, with and without propagation, on every trace): \(allMet ? "met" : "**missed**").")
