/// A producer of telemetry samples for `jitterbug send --telemetry SOURCE`.
///
/// Sources are pure with respect to time: capture times come from the start time and rate the
/// caller configured (or from a file's time column), never from a clock, so output is
/// reproducible. The caller paces sending by the samples' capture times.
public protocol TelemetrySource {
    /// The layout of every sample this source yields.
    var schema: TelemetrySchema { get }
    /// Up to `count` (≥ 1) next samples in capture-time order; `nil` once the input is
    /// exhausted. File sources throw ``TelemetryInputError`` naming the file and line.
    mutating func next(count: Int) throws -> [TelemetrySample]?
}
