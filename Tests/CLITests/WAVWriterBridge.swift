import Media

/// The Media target's WAV writer, mono 48 kHz, for making test inputs.
struct WAVWriterBridge {
    let writer: WAVWriter
    init(path: String) throws { writer = try WAVWriter(path: path, format: .opusMono) }
    func write(_ samples: [Int16]) throws { try writer.write(samples) }
    func close() throws { try writer.close() }
}
