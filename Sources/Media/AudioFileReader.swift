import CSndfile
import Glibc

/// Reads audio as interleaved Int16 from a file, stdin ("-") or a file descriptor.
///
/// Regular files are opened with libsndfile (WAV of any encoding libsndfile decodes, FLAC, AIFF…;
/// float data is scaled by 32768 and clamped). Pipes and other non-seekable descriptors are
/// sniffed: "RIFF"/"RIFX"/"RF64" → WAV through libsndfile's virtual I/O over a buffered reader;
/// anything else → raw signed 16-bit little-endian PCM in `rawFormat`.
///
/// Limits: 1 or 2 channels; by default only Opus sample rates (8, 12, 16, 24, 48 kHz) — other
/// rates are rejected, not resampled. A streamed WAV with unknown length ends at 4 GiB of data
/// (the 32-bit WAV size limit) or at end of stream, whichever comes first.
/// Not Sendable: use it from one task.
public final class AudioFileReader: AudioSource {
    public let format: AudioFormat
    /// The name used in messages: the path, or "<stdin>".
    public let name: String
    /// Frames declared by the header of a regular file; `nil` for pipes and raw PCM.
    public let declaredFrames: Int?
    /// A short description of the container, e.g. "WAV PCM_16", "WAV FLOAT" or "raw s16le".
    public let encodingDescription: String
    /// Frames returned so far.
    public private(set) var framesRead = 0

    private enum Backend {
        case sndfile(handle: OpaquePointer, context: VirtualReadContext?, readsFloat: Bool)
        case raw(DescriptorByteStream)
        case finished
    }

    private var backend: Backend
    private var ownedDescriptor: Int32?
    private let byteStream: DescriptorByteStream?

    /// Opens `path`, or stdin when `path` is "-".
    ///
    /// - Parameters:
    ///   - rawFormat: the format of headerless input (raw s16le on a pipe, or a regular file
    ///     libsndfile does not recognise). `nil` makes headerless input an error.
    ///   - requireOpusFormat: reject sample rates Opus cannot encode (default true).
    ///   - headerless: a regular file is raw PCM in `rawFormat` whatever its first bytes are
    ///     (`--input-format s16le`), rather than raw only when libsndfile does not recognise it.
    /// - Throws: `MediaError` naming the file and the reason.
    public convenience init(
        path: String, rawFormat: AudioFormat? = nil, requireOpusFormat: Bool = true, headerless: Bool = false
    ) throws {
        if path == "-" {
            try self.init(
                fileDescriptor: STDIN_FILENO, rawFormat: rawFormat, name: "<stdin>",
                closeWhenDone: false, requireOpusFormat: requireOpusFormat)
            return
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            // FIFOs, /dev/stdin, process substitution: same path as a pipe.
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw MediaError(.unreadable, "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            try self.init(
                fileDescriptor: fd, rawFormat: rawFormat, name: path, closeWhenDone: true,
                requireOpusFormat: requireOpusFormat)
            return
        }
        try self.init(
            regularFile: path, rawFormat: rawFormat, requireOpusFormat: requireOpusFormat,
            headerless: headerless && rawFormat != nil)
    }

    /// Reads a pipe, socket or file descriptor, sniffing WAV vs. raw PCM (see the type docs).
    ///
    /// - Parameter closeWhenDone: close `fileDescriptor` in `close()`/deinit.
    public init(
        fileDescriptor: Int32, rawFormat: AudioFormat?, name: String? = nil, closeWhenDone: Bool = false,
        requireOpusFormat: Bool = true
    ) throws {
        let label = name ?? "<fd \(fileDescriptor)>"
        let stream = DescriptorByteStream(fileDescriptor: fileDescriptor)
        let closeOnError = { if closeWhenDone { _ = Glibc.close(fileDescriptor) } }
        self.name = label
        self.declaredFrames = nil
        self.ownedDescriptor = closeWhenDone ? fileDescriptor : nil
        self.byteStream = stream

        let magic = String(decoding: stream.peek(at: 0, count: 4), as: UTF8.self)
        if stream.readErrno != 0 {
            closeOnError()
            throw MediaError(.unreadable, "cannot read '\(label)': \(String(cString: strerror(stream.readErrno)))")
        }
        if ["RIFF", "RIFX", "RF64"].contains(magic) {
            let layout: WAVStreamLayout
            switch WAVStreamLayout.scan(stream) {
            case .success(let found): layout = found
            case .failure(let failure):
                closeOnError()
                throw MediaError(.unreadable, "cannot read '\(label)': \(failure.reason)")
            }
            let context = VirtualReadContext(stream: stream, lengthBytes: layout.dataOffset + layout.dataLengthBytes)
            var io = SndfileVirtualIO.readOnly
            var info = SF_INFO()
            let userData = Unmanaged.passUnretained(context).toOpaque()
            guard let handle = sf_open_virtual(&io, Int32(SFM_READ), &info, userData) else {
                closeOnError()
                throw MediaError(.unreadable, "cannot read '\(label)': \(Self.sndfileReason(nil))")
            }
            stream.allowDiscard()
            self.encodingDescription = Self.describe(info.format)
            self.format = AudioFormat(sampleRate: Int(info.samplerate), channels: Int(info.channels))
            self.backend = .sndfile(handle: handle, context: context, readsFloat: Self.isFloat(info.format))
        } else {
            guard let rawFormat else {
                closeOnError()
                let reason = stream.peek(at: 0, count: 1).isEmpty
                    ? "the input is empty"
                    : "not a WAV stream (no RIFF header) and no raw PCM format was given"
                throw MediaError(.unreadable, "cannot read '\(label)': \(reason)")
            }
            stream.allowDiscard()
            self.encodingDescription = "raw s16le"
            self.format = rawFormat
            self.backend = .raw(stream)
        }
        try validate(requireOpusFormat: requireOpusFormat)
    }

    private init(regularFile path: String, rawFormat: AudioFormat?, requireOpusFormat: Bool, headerless: Bool) throws {
        self.name = path
        self.ownedDescriptor = nil
        self.byteStream = nil
        var info = SF_INFO()
        var handle = headerless ? nil : sf_open(path, Int32(SFM_READ), &info)
        if handle == nil, let rawFormat, headerless || sf_error(nil) == Int32(SF_ERR_UNRECOGNISED_FORMAT) {
            info = SF_INFO()
            info.samplerate = Int32(clamping: rawFormat.sampleRate)
            info.channels = Int32(clamping: rawFormat.channels)
            info.format = Int32(SF_FORMAT_RAW | SF_FORMAT_PCM_16 | SF_ENDIAN_LITTLE)
            handle = sf_open(path, Int32(SFM_READ), &info)
        }
        guard let handle else {
            throw MediaError(.unreadable, "cannot read '\(path)': \(Self.sndfileReason(nil))")
        }
        self.encodingDescription = Self.describe(info.format)
        self.format = AudioFormat(sampleRate: Int(info.samplerate), channels: Int(info.channels))
        self.declaredFrames = Int(info.frames)
        self.backend = .sndfile(handle: handle, context: nil, readsFloat: Self.isFloat(info.format))
        try validate(requireOpusFormat: requireOpusFormat)
    }

    /// Throws (after closing) when the format is unusable; the messages suggest a conversion.
    private func validate(requireOpusFormat: Bool) throws {
        var problem: String?
        if format.channels < 1 || format.sampleRate < 1 {
            problem = "invalid format (\(format.sampleRate) Hz, \(format.channels) channels)"
        } else if format.channels > 2 {
            problem = "\(format.channels) channels are not supported (mono or stereo only); downmix first, "
                + "e.g. ffmpeg -i \(name) -ac 2 out.wav"
        } else if requireOpusFormat, !AudioFormat.opusSampleRates.contains(format.sampleRate) {
            let accepted = AudioFormat.opusSampleRates.map(String.init).joined(separator: ", ")
            problem = "sample rate \(format.sampleRate) Hz is not supported (Opus accepts \(accepted) Hz); "
                + "resample first, e.g. ffmpeg -i \(name == "<stdin>" ? "in.wav" : name) -ar 48000 out.wav"
        }
        if let problem {
            close()
            throw MediaError(.unsupportedFormat, "cannot read '\(name)': \(problem)")
        }
    }

    deinit { close() }

    /// Releases libsndfile and an owned descriptor; idempotent. Later reads return `nil`.
    public func close() {
        if case .sndfile(let handle, _, _) = backend { sf_close(handle) }
        backend = .finished
        if let ownedDescriptor {
            _ = Glibc.close(ownedDescriptor)
        }
        ownedDescriptor = nil
    }

    /// Returns up to `frames` frames of interleaved Int16, or `nil` at the end.
    /// - Throws: `MediaError` when the underlying read fails (I/O error on the pipe or file).
    public func read(frames: Int) throws -> [Int16]? {
        if frames <= 0 {
            if case .finished = backend { return nil }
            return []
        }
        let samples: [Int16]
        switch backend {
        case .finished:
            return nil
        case .raw(let stream):
            samples = Self.readRaw(stream, frames: frames, channels: format.channels)
        case .sndfile(let handle, _, let readsFloat):
            samples = readSndfile(handle, frames: frames, readsFloat: readsFloat)
            if samples.isEmpty, sf_error(handle) != 0 {
                let reason = Self.sndfileReason(handle)
                close()
                throw MediaError(.unreadable, "cannot read '\(name)': \(reason)")
            }
        }
        if let stream = byteStream, stream.readErrno != 0, samples.isEmpty {
            let reason = String(cString: strerror(stream.readErrno))
            close()
            throw MediaError(.unreadable, "cannot read '\(name)': \(reason)")
        }
        if samples.isEmpty {
            close()
            return nil
        }
        framesRead += samples.count / format.channels
        return samples
    }

    /// Reads to the end (see `AudioSource.readAll`); callable on a `let` reference.
    public func readAll(chunkFrames: Int = 4096) throws -> [Int16] {
        var all: [Int16] = []
        while let chunk = try read(frames: max(1, chunkFrames)) {
            all.append(contentsOf: chunk)
        }
        return all
    }

    private func readSndfile(_ handle: OpaquePointer, frames: Int, readsFloat: Bool) -> [Int16] {
        let channels = format.channels
        if readsFloat {
            // Scale by 32768 (libsndfile's own Int16 ↔ float factor) and clamp, so PCM16 data
            // stored as float comes back bit-exact and overs saturate instead of wrapping.
            var floats = [Float](repeating: 0, count: frames * channels)
            let got = floats.withUnsafeMutableBufferPointer { buffer in
                Int(sf_readf_float(handle, buffer.baseAddress, sf_count_t(frames)))
            }
            return floats[0..<(max(0, got) * channels)].map { Level.quantize(Double($0) * 32768) }
        }
        var samples = [Int16](repeating: 0, count: frames * channels)
        let got = samples.withUnsafeMutableBufferPointer { buffer in
            Int(sf_readf_short(handle, buffer.baseAddress, sf_count_t(frames)))
        }
        samples.removeSubrange((max(0, got) * channels)...)
        return samples
    }

    /// Reads whole frames of s16le; a trailing partial frame at end of stream is dropped.
    private static func readRaw(_ stream: DescriptorByteStream, frames: Int, channels: Int) -> [Int16] {
        let bytes = stream.read(count: frames * channels * 2)
        let sampleCount = bytes.count / (2 * channels) * channels
        var samples = [Int16]()
        samples.reserveCapacity(sampleCount)
        for index in 0..<sampleCount {
            let low = UInt16(bytes[2 * index]), high = UInt16(bytes[2 * index + 1])
            samples.append(Int16(bitPattern: high << 8 | low))
        }
        return samples
    }

    /// libsndfile's reason for the last failure on `handle` (or the last failed open).
    static func sndfileReason(_ handle: OpaquePointer?) -> String {
        guard let text = sf_strerror(handle) else { return "unknown libsndfile error" }
        return String(cString: text)
    }

    static func isFloat(_ format: Int32) -> Bool {
        let subtype = format & Int32(SF_FORMAT_SUBMASK)
        return subtype == Int32(SF_FORMAT_FLOAT) || subtype == Int32(SF_FORMAT_DOUBLE)
    }

    static func describe(_ format: Int32) -> String {
        let container: String
        switch format & Int32(SF_FORMAT_TYPEMASK) {
        case Int32(SF_FORMAT_WAV): container = "WAV"
        case Int32(SF_FORMAT_WAVEX): container = "WAVEX"
        case Int32(SF_FORMAT_RF64): container = "RF64"
        case Int32(SF_FORMAT_RAW): container = "raw"
        case Int32(SF_FORMAT_AIFF): container = "AIFF"
        case Int32(SF_FORMAT_FLAC): container = "FLAC"
        case Int32(SF_FORMAT_OGG): container = "Ogg"
        default: container = "container 0x\(String(format & Int32(SF_FORMAT_TYPEMASK), radix: 16))"
        }
        let encoding: String
        switch format & Int32(SF_FORMAT_SUBMASK) {
        case Int32(SF_FORMAT_PCM_16): encoding = "PCM_16"
        case Int32(SF_FORMAT_PCM_24): encoding = "PCM_24"
        case Int32(SF_FORMAT_PCM_32): encoding = "PCM_32"
        case Int32(SF_FORMAT_PCM_U8): encoding = "PCM_U8"
        case Int32(SF_FORMAT_PCM_S8): encoding = "PCM_S8"
        case Int32(SF_FORMAT_FLOAT): encoding = "FLOAT"
        case Int32(SF_FORMAT_DOUBLE): encoding = "DOUBLE"
        default: encoding = "encoding 0x\(String(format & Int32(SF_FORMAT_SUBMASK), radix: 16))"
        }
        return "\(container) \(encoding)"
    }
}
