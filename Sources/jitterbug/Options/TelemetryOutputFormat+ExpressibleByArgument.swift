import ArgumentParser
import Telemetry

/// `recv --format jsonl|csv`, parsed once with the arguments.
extension TelemetryOutputFormat: ExpressibleByArgument {}
