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
    /// Largest age of information in the current interval: the sawtooth's peaks (the age just
    /// before each newer sample is delivered) and the samples taken at ticks. Reset per interval.
    var intervalAgeMax: Duration?
    /// Largest time between two successive deliveries of newer samples that ended in the current
    /// interval (a gap still open at its end counts where it closes). Reset per interval.
    var intervalUpdateGapMax: Duration?
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
                        // The age peaks right before a newer sample lands.
                        if let previous = newestCaptureMicroseconds { noteAge(wallClock - .microseconds(previous)) }
                        newestCaptureMicroseconds = capture
                        if let last = lastUpdateWallClock {
                            let gap = wallClock - last
                            updateGaps.record(gap)
                            intervalUpdateGapMax = max(intervalUpdateGapMax ?? gap, gap)
                        }
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
            noteAge(age)
        }
    }

    private mutating func noteAge(_ age: Duration) {
        intervalAgeMax = max(intervalAgeMax ?? age, age)
    }

    /// The interval's freshness maxima, in ms (`nil` when there was none), and a fresh interval.
    mutating func closeInterval() -> (ageMaxMilliseconds: Double?, updateGapMaxMilliseconds: Double?) {
        defer {
            intervalAgeOfInformation.reset()
            intervalAgeMax = nil
            intervalUpdateGapMax = nil
        }
        return (intervalAgeMax?.milliseconds, intervalUpdateGapMax?.milliseconds)
    }

    var summary: TelemetrySummary {
        TelemetrySummary(
            samples: samplesDelivered, gaps: gapRecords, packetsInGaps: packetsInGaps, lateDelivered: lateDelivered,
            droppedByReason: depacketizer.droppedByReason,
            ageOfInformation: ageOfInformation.count > 0 ? ageOfInformation.summary : nil,
            updateGap: updateGaps.count > 0 ? updateGaps.summary : nil)
    }
}
