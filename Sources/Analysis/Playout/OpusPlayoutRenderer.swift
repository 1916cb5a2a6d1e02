import JitterBuffer
import Media
import Opus

/// Turns the adaptive replay's playout decisions into 48 kHz mono PCM the way the receiver's
/// playout path does (`Pipelines/AudioPlayout`): a played frame is decoded, a frame the buffer
/// rebuilds from the next packet's in-band FEC is decoded from that packet's LBRR data, a
/// concealed frame is Opus PLC scaled by the buffer's fade gain (silence once faded), a DTX gap is
/// silence; a frame that fails to decode is concealed and counted.
///
/// Concealment after the last real frame is held back and written only when a real frame
/// follows, so a stream that ends leaves no synthesised tail: the WAV lasts from the first
/// played frame to the last. At most 64 held frames keep their audio (about 1.3 s at 20 ms; the
/// fade is complete long before), the rest are a count, so memory stays bounded.
struct OpusPlayoutRenderer {
    /// The WAV's format: 48 kHz mono, what `--decode` writes.
    static let format = AudioFormat.opusMono
    /// Most held concealment frames kept as audio (the rest are counted as silence).
    static let heldAudibleLimit = 64

    private let decoder: OpusDecoder
    private let writer: WAVWriter?
    /// Samples of one frame at 48 kHz.
    let frameSamples: Int
    private var heldAudible: [[Int16]] = []
    /// Silent frames held after the audible ones (faded PLC and DTX silence).
    private var heldSilentFrames = 0
    private(set) var framesDecoded = 0
    private(set) var framesFromFEC = 0
    private(set) var framesConcealed = 0
    private(set) var decodeErrors = 0
    /// Samples written to the WAV (0 without one).
    private(set) var samplesWritten = 0

    /// - Parameters:
    ///   - wavPath: where to write the PCM; nil decodes only (counts decode errors).
    ///   - frameSamples: samples per frame at 48 kHz (960 for 20 ms).
    init(wavPath: String?, frameSamples: Int) throws {
        decoder = try OpusDecoder(sampleRate: Self.format.sampleRate, channels: Self.format.channels)
        writer = try wavPath.map { try WAVWriter(path: $0, format: Self.format) }
        self.frameSamples = frameSamples
    }

    /// Renders one playout decision.
    mutating func render(_ frame: PlayoutFrame) throws {
        switch frame {
        case .play(let packet):
            do {
                let samples = try decoder.decode(packet.payload)
                framesDecoded += 1
                try emitReal(samples)
            } catch {
                decodeErrors += 1
                hold(conceal(gain: 1))
            }
        case .recoverFromFEC(_, let next):
            framesFromFEC += 1
            let samples = (try? decoder.decodeFEC(from: next.payload, frameSamples: frameSamples)) ?? conceal(gain: 1)
            try emitReal(samples)
        case .conceal(_, let gain, _):
            if gain <= 0 { heldSilentFrames += 1 } else { hold(conceal(gain: gain)) }
        case .comfortSilence:
            heldSilentFrames += 1
        case .deliver, .missing:
            break  // telemetry mode only; the replay runs the audio mode
        }
    }

    /// Drops the held tail (the stream ended) and finishes the WAV.
    mutating func finish() throws {
        heldAudible.removeAll()
        heldSilentFrames = 0
        try writer?.close()
    }

    private func conceal(gain: Float) -> [Int16] {
        guard let samples = try? decoder.conceal(frameSamples: frameSamples) else {
            return [Int16](repeating: 0, count: frameSamples)
        }
        guard gain < 1 else { return samples }
        return samples.map { Int16((Float($0) * gain).rounded()) }
    }

    private mutating func hold(_ samples: [Int16]) {
        // Audible frames after silent ones would be written out of order: keep order by
        // turning them silent too (the fade has ended by then anyway).
        guard heldSilentFrames == 0, heldAudible.count < Self.heldAudibleLimit else {
            heldSilentFrames += 1
            return
        }
        heldAudible.append(samples)
    }

    /// Writes the held concealment, then `samples`.
    private mutating func emitReal(_ samples: [Int16]) throws {
        framesConcealed += heldAudible.count + heldSilentFrames
        for frame in heldAudible { try write(frame) }
        if heldSilentFrames > 0 {
            let silence = [Int16](repeating: 0, count: frameSamples)
            for _ in 0..<heldSilentFrames { try write(silence) }
        }
        heldAudible.removeAll(keepingCapacity: true)
        heldSilentFrames = 0
        try write(samples)
    }

    private mutating func write(_ samples: [Int16]) throws {
        guard let writer else { return }
        try writer.write(samples)
        samplesWritten += samples.count
    }
}
