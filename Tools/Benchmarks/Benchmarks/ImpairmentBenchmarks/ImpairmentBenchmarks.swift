import Benchmark
import Impairment

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(2))

    for text in ["loss=ge:10%/4,jitter=20ms", "delay=20ms"] {
        guard let spec = try? ImpairmentSpec(parsing: text) else { preconditionFailure("bad spec \(text)") }
        var engine = ImpairmentEngine(spec: spec, seedOverride: 7)
        var sendTime = Duration.zero
        Benchmark("Impairment decision \(text)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(engine.process(sendTime: sendTime, sizeBytes: 172))
                sendTime += .milliseconds(20)
            }
        }
    }
}
