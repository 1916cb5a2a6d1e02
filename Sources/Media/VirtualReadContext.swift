import CSndfile
import Glibc

/// State behind libsndfile's virtual I/O callbacks when reading a WAV from a pipe.
///
/// The virtual file is `stream` truncated to `lengthBytes` (the end of the `data` chunk), so
/// libsndfile's seek past the data is a lazy logical seek that never touches the pipe.
final class VirtualReadContext {
    let stream: DescriptorByteStream
    let lengthBytes: Int64

    init(stream: DescriptorByteStream, lengthBytes: Int64) {
        self.stream = stream
        self.lengthBytes = lengthBytes
    }

    func seek(offset: Int64, whence: Int32) -> Int64 {
        let target: Int64
        switch whence {
        case SEEK_SET: target = offset
        case SEEK_CUR: target = stream.position + offset
        case SEEK_END: target = lengthBytes + offset
        default: return -1
        }
        guard target >= 0 else { return -1 }
        stream.position = target
        return target
    }

    func read(into destination: UnsafeMutableRawPointer, count: Int64) -> Int64 {
        // Never read past the virtual end: bytes after the data chunk are not ours to consume.
        let allowed = max(0, min(count, lengthBytes - stream.position))
        return Int64(stream.read(into: destination, count: Int(allowed)))
    }
}
