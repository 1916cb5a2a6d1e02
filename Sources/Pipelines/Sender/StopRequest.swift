import Media
import Synchronization
import Telemetry

/// A request, from any thread (a signal handler's queue), that a sender stop at its next frame:
/// its source then reads as ended, so the sender returns its summary and the pipeline still
/// sends the final RTCP report with BYE.
package final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    package init() {}

    package var isRequested: Bool { requested.load(ordering: .relaxed) }

    package func request() { requested.store(true, ordering: .relaxed) }
}

/// An audio source that ends as soon as a stop is requested.
package struct StoppableAudioSource: AudioSource {
    package var base: any AudioSource
    package let stop: StopRequest

    package init(_ base: any AudioSource, stop: StopRequest) {
        self.base = base
        self.stop = stop
    }

    package var format: AudioFormat { base.format }

    package mutating func read(frames: Int) throws -> [Int16]? {
        stop.isRequested ? nil : try base.read(frames: frames)
    }
}

/// A telemetry source that ends as soon as a stop is requested.
package struct StoppableTelemetrySource: TelemetrySource {
    package var base: any TelemetrySource
    package let stop: StopRequest

    package init(_ base: any TelemetrySource, stop: StopRequest) {
        self.base = base
        self.stop = stop
    }

    package var schema: TelemetrySchema { base.schema }

    package mutating func next(count: Int) throws -> [TelemetrySample]? {
        stop.isRequested ? nil : try base.next(count: count)
    }
}
