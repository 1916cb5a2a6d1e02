import JitterbugSupport
import Reports
import Telemetry
import JitterBuffer
import Stats

/// The telemetry playout path: jitter buffer in telemetry mode (in order, gaps marked, late
/// packets delivered flagged or dropped) → payload decoder → records, with freshness figures.
struct TelemetryPlayout {
    var jitterBuffer: JitterBuffer
    var depacketizer = TelemetryDepacketizer()
    /// Wall clock minus the monotonic arrival clock, to stamp arrivals in Unix time: refreshed
    /// from every datagram's own pair of readings, so NTP slewing cannot accumulate.
    var wallMinusMonotonic: Duration?
    /// Age of information (now − capture time of the newest sample), sampled at every tick.
    var ageOfInformation = LatencyHistogram()
    var intervalAgeOfInformation = LatencyHistogram()
    /// Time between deliveries of newer samples at the receiver.
    var updateGaps = LatencyHistogram()
    var newestCaptureMicroseconds: Int64?
    var lastUpdateWallClock: Duration?
    var samplesDelivered = 0
    var gapRecords = 0
    var packetsInGaps: Int64 = 0
    var lateDelivered = 0

    /// Delivers everything due at `now`, passing records to `write`, and samples freshness.
    /// - Parameter sampleFreshness: false once the stream has gone quiet or said BYE, so the age
    ///   of information describes the stream while it runs, not the wait after it.
    mutating func tick(
        now: Duration, wallClock: Duration, sampleFreshness: Bool, write: (TelemetryRecord) throws -> Void
    ) throws {
        var guardCount = 0
        while guardCount < 1024, let frame = jitterBuffer.pop(now: now) {
            guardCount += 1
            guard case .deliver(let packet, let late) = frame else { continue }
            if late { lateDelivered += 1 }
            let arrivalWall = packet.arrival + (wallMinusMonotonic ?? .zero)
            let records = depacketizer.receive(
                payload: packet.payload, sequenceNumber: packet.sequenceNumber,
                arrivalMicroseconds: arrivalWall.wholeMicroseconds)
            for var record in records {
                switch record {
                case .sample(var sample):
                    if late {
                        sample.late = true
                        record = .sample(sample)
                    }
                    samplesDelivered += 1
                    let capture = sample.sample.captureMicroseconds
                    if capture > (newestCaptureMicroseconds ?? .min) {
                        newestCaptureMicroseconds = capture
                        if let last = lastUpdateWallClock { updateGaps.record(wallClock - last) }
                        lastUpdateWallClock = wallClock
                    }
                case .gap(let gap):
                    gapRecords += 1
                    packetsInGaps += gap.count
                }
                try write(record)
            }
        }
        if sampleFreshness, let newest = newestCaptureMicroseconds {
            let age = wallClock - .microseconds(newest)
            ageOfInformation.record(age)
            intervalAgeOfInformation.record(age)
        }
    }

    var summary: TelemetrySummary {
        TelemetrySummary(
            samples: samplesDelivered, gaps: gapRecords, packetsInGaps: packetsInGaps, lateDelivered: lateDelivered,
            droppedByReason: depacketizer.droppedByReason,
            ageOfInformation: ageOfInformation.count > 0 ? ageOfInformation.summary : nil,
            updateGap: updateGaps.count > 0 ? updateGaps.summary : nil)
    }
}
