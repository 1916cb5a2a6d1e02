import ArgumentParser

/// `recv --late`: what to do with telemetry that misses its playout deadline.
enum LatePolicy: String, ExpressibleByArgument, CaseIterable {
    /// Hand it on, flagged late.
    case deliver
    /// Count it and drop it.
    case drop
}
