// Replays delay/loss traces through Jitterbug's jitter buffer and the baselines (NetEq,
// GStreamer, Ramjee algorithm 4, fixed delays) and prints the markdown table at equal late loss
// (see Tools/jitter-eval). Deterministic. Usage:
//   jitterbuffer-eval [--traces DIR] [--plot DIR] [--detail] [--seconds S]
// --seconds: length of each synthetic trace (default 300 s of 20 ms frames; 10 to 3600). The
// recorded traces keep their own length.
import Foundation
import JitterBufferEvaluation

var traceDirectory = "Tools/traces"
var plotDirectory: String?
var detail = false
var syntheticFrames = Trace.syntheticFrames
let usage = "usage: jitterbuffer-eval [--traces DIR] [--plot DIR] [--detail] [--seconds S]\n"
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

if let plotDirectory {
    try FileManager.default.createDirectory(atPath: plotDirectory, withIntermediateDirectories: true)
    for evaluation in evaluations {
        let path = "\(plotDirectory)/\(PlayoutPlot.fileName(evaluation.trace))"
        try PlayoutPlot.svg(evaluation).write(toFile: path, atomically: true, encoding: .utf8)
        FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
    }
}
