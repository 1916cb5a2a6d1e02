import ArgumentParser
import JitterBuffer

/// Jitter buffer options of `recv` and `demo`.
struct JitterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Quantile of network delay the adaptive buffer covers, 0.5 to 0.9999.", valueName: "q"))
    var jitterQuantile: Double = 0.95

    @Option(help: ArgumentHelp("Lower bound of the adaptive playout delay.", valueName: "interval"), transform: Interval.argument)
    var jitterMin: Interval = Interval(.zero)

    @Option(help: ArgumentHelp("Upper bound of the adaptive playout delay.", valueName: "interval"), transform: Interval.argument)
    var jitterMax: Interval = Interval(.milliseconds(500))

    @Option(help: ArgumentHelp("Turn adaptation off and hold this fixed playout delay (a baseline).", valueName: "interval"),
            transform: Interval.argument)
    var jitterFixed: Interval?

    func validate() throws {
        guard jitterQuantile >= 0.5, jitterQuantile <= 0.9999 else {
            throw ValidationError("invalid --jitter-quantile '\(jitterQuantile)': expected a number from 0.5 to 0.9999 (e.g. 0.95)")
        }
        guard jitterMax.duration <= .seconds(10) else {
            throw ValidationError("invalid --jitter-max '\(jitterMax)': expected at most 10s")
        }
        guard jitterMin.duration <= jitterMax.duration else {
            throw ValidationError("invalid --jitter-min '\(jitterMin)': must not exceed --jitter-max \(jitterMax)")
        }
        if let jitterFixed, jitterFixed.duration > .seconds(10) {
            throw ValidationError("invalid --jitter-fixed '\(jitterFixed)': expected at most 10s")
        }
    }

    var configuration: JitterBufferConfiguration {
        var c = JitterBufferConfiguration()
        c.quantile = jitterQuantile
        c.minimumDelay = jitterMin.duration
        c.maximumDelay = jitterMax.duration
        c.fixedDelay = jitterFixed?.duration
        return c
    }
}
