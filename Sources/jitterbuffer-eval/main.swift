// Replays delay/loss traces through Jitterbug's jitter buffer and the baselines (NetEq,
// GStreamer, Ramjee algorithm 4, fixed delays) and prints the markdown table at equal late loss
// (see Tools/jitter-eval). Deterministic. Usage:
//   jitterbuffer-eval [--traces DIR] [--plot DIR] [--detail] [--seconds S] [--seeds N]
// --seconds: length of each synthetic trace (default 300 s of 20 ms frames; 10 to 3600). The
// recorded traces keep their own length. --seeds N (2 to 50): also draws every synthetic trace
// from N seeds and prints each algorithm's median ratio, its range and how often Jitterbug's is
// the lowest.
import Foundation
import JitterBufferEvaluation

var traceDirectory = "Tools/traces"
var plotDirectory: String?
var detail = false
var syntheticFrames = Trace.syntheticFrames
var seeds = 1
let usage = "usage: jitterbuffer-eval [--traces DIR] [--plot DIR] [--detail] [--seconds S] [--seeds N]\n"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--traces", "--plot":
        guard let value = arguments.popFirst() else {
            FileHandle.standardError.write(Data("\(argument) needs a directory\n".utf8))
            exit(2)
        }
        if argument == "--plot" { plotDirectory = value } else { traceDirectory = value }
    case "--detail": detail = true
    case "--seconds":
        let value = arguments.popFirst() ?? ""
        guard let seconds = Int(value), (10...3600).contains(seconds) else {
            FileHandle.standardError.write(Data("invalid --seconds '\(value)': expected whole seconds from 10 to 3600\n".utf8))
            exit(2)
        }
        syntheticFrames = seconds * 50
    case "--seeds":
        let value = arguments.popFirst() ?? ""
        guard let count = Int(value), (2...50).contains(count) else {
            FileHandle.standardError.write(Data("invalid --seeds '\(value)': expected a whole number from 2 to 50\n".utf8))
            exit(2)
        }
        seeds = count
    default:
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
}

let recorded = Trace.recordedTraces(directory: traceDirectory)
for skipped in recorded.skipped { FileHandle.standardError.write(Data("skipping \(skipped)\n".utf8)) }
let evaluations = try (Trace.synthetic(frames: syntheticFrames) + recorded.traces).map { try TraceEvaluation(trace: $0) }

print("Cell: ratio of mean delivered delay to the hindsight-optimal fixed delay at the same late loss")
print("· late loss after the first second (% of delivered frames) · late frames in the first second.\n")
print(EvaluationTable.summary(evaluations))
if detail {
    print(EvaluationTable.detail(evaluations))
    print("Hindsight-optimal fixed delay (ms, send to playout) at each late loss after the first second:\n")
    print(EvaluationTable.curves(evaluations))
}

if seeds > 1 {
    var runs = [Array(evaluations.prefix(Trace.synthetic(frames: 50).count))]
    for variant in 1..<UInt64(seeds) {
        runs.append(try Trace.synthetic(frames: syntheticFrames, variant: variant).map { try TraceEvaluation(trace: $0) })
    }
    print("Synthetic traces over \(seeds) seeds: median ratio (range) · mean late loss; the last column counts")
    print("the seeds where Jitterbug time-scaled has the lowest ratio of all but its whole-frame mode.\n")
    print(EvaluationTable.seeds(runs, ours: "Jitterbug time-scaled", excluded: ["Jitterbug whole-frame"]))
}

if let plotDirectory {
    try FileManager.default.createDirectory(atPath: plotDirectory, withIntermediateDirectories: true)
    for evaluation in evaluations {
        let path = "\(plotDirectory)/\(PlayoutPlot.fileName(evaluation.trace))"
        try PlayoutPlot.svg(evaluation).write(toFile: path, atomically: true, encoding: .utf8)
        FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
    }
}
