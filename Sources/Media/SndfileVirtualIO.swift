import CSndfile

/// The read-only `SF_VIRTUAL_IO` table; `user_data` is an unretained `VirtualReadContext`.
enum SndfileVirtualIO {
    static func context(_ userData: UnsafeMutableRawPointer?) -> VirtualReadContext? {
        guard let userData else { return nil }
        return Unmanaged<VirtualReadContext>.fromOpaque(userData).takeUnretainedValue()
    }

    static var readOnly: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
        get_filelen: { userData in
            SndfileVirtualIO.context(userData)?.lengthBytes ?? -1
        },
        seek: { offset, whence, userData in
            SndfileVirtualIO.context(userData)?.seek(offset: offset, whence: whence) ?? -1
        },
        read: { destination, count, userData in
            guard let destination, let context = SndfileVirtualIO.context(userData) else { return 0 }
            return context.read(into: destination, count: count)
        },
        write: { _, _, _ in 0 },
        tell: { userData in
            SndfileVirtualIO.context(userData)?.stream.position ?? -1
        }
        )
    }
}
