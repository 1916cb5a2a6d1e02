/// RFC 8285 header extension encode/decode (one-byte and two-byte forms).
enum HeaderExtensionCodec {
    static let oneByteProfile: UInt16 = 0xBEDE
    /// Two-byte profile is 0x100 in the top 12 bits plus 4 "appbits".
    static let twoByteProfileMask: UInt16 = 0xFFF0
    static let twoByteProfile: UInt16 = 0x1000

    /// What the extension block of a parsed packet contained.
    enum Parsed {
        case elements([RTPHeaderExtensionElement])
        case raw(RTPRawHeaderExtension)
    }

    /// Walks the elements of an extension body (`bytes[body]`, after the 4-byte profile/length
    /// word) without copying: `visit(id, dataRange)` per element until it returns `false`.
    /// Unknown profiles have no elements. Throws on a malformed one- or two-byte body.
    static func forEachElement(
        profile: UInt16, bytes: UnsafeRawBufferPointer, body: Range<Int>,
        _ visit: (UInt8, Range<Int>) -> Bool
    ) throws(RTPParseError) {
        var offset = body.lowerBound
        let end = body.upperBound
        if profile == oneByteProfile {
            while offset < end {
                let byte = bytes[offset]
                let id = byte >> 4
                if id == 0 {  // Padding byte between or after elements (RFC 8285 §4.2).
                    offset += 1
                    continue
                }
                if id == 15 { return }  // Reserved: "the processing of the header extension MUST stop".
                let length = Int(byte & 0x0F) + 1
                guard offset + 1 + length <= end else { throw .malformedExtension }
                guard visit(id, (offset + 1)..<(offset + 1 + length)) else { return }
                offset += 1 + length
            }
        } else if profile & twoByteProfileMask == twoByteProfile {
            while offset < end {
                let id = bytes[offset]
                if id == 0 {  // Padding byte (RFC 8285 §4.3).
                    offset += 1
                    continue
                }
                guard offset + 2 <= end else { throw .malformedExtension }
                let length = Int(bytes[offset + 1])
                guard offset + 2 + length <= end else { throw .malformedExtension }
                guard visit(id, (offset + 2)..<(offset + 2 + length)) else { return }
                offset += 2 + length
            }
        }
    }

    /// Copies a validated extension body out: its elements, or the raw block for an unknown profile.
    static func materialize(profile: UInt16, bytes: UnsafeRawBufferPointer, body: Range<Int>) -> Parsed {
        guard profile == oneByteProfile || profile & twoByteProfileMask == twoByteProfile else {
            return .raw(RTPRawHeaderExtension(profile: profile, data: Array(bytes[body])))
        }
        var elements: [RTPHeaderExtensionElement] = []
        try? forEachElement(profile: profile, bytes: bytes, body: body) { id, data in
            elements.append(RTPHeaderExtensionElement(id: id, data: Array(bytes[data])))
            return true
        }
        return .elements(elements)
    }

    /// Bytes the extension block of `header` occupies, including its 4-byte profile/length word.
    static func serializedLength(_ header: RTPHeader) -> Int {
        if !header.extensions.isEmpty {
            let oneByte = header.extensions.allSatisfy(\.fitsOneByteForm)
            let body = header.extensions.reduce(0) { $0 + (oneByte ? 1 : 2) + $1.data.count }
            return 4 + roundUpToWord(body)
        }
        if let raw = header.rawExtension {
            return 4 + min(roundUpToWord(raw.data.count), 4 * Int(UInt16.max))
        }
        return 0
    }

    /// Appends the extension block (profile, length, body, zero padding). No-op without one.
    static func serialize(_ header: RTPHeader, into out: inout [UInt8]) {
        if !header.extensions.isEmpty {
            let oneByte = header.extensions.allSatisfy(\.fitsOneByteForm)
            out.appendBigEndian(oneByte ? oneByteProfile : twoByteProfile)
            let lengthIndex = out.count
            out.appendBigEndian(UInt16(0))
            let bodyStart = out.count
            for element in header.extensions {
                if oneByte {
                    out.append(element.id << 4 | UInt8(element.data.count - 1))
                } else {
                    out.append(element.id)
                    out.append(UInt8(element.data.count))
                }
                out.append(contentsOf: element.data)
            }
            out.padToWordBoundary(from: bodyStart)
            out.writeBigEndian(UInt16(truncatingIfNeeded: (out.count - bodyStart) / 4), at: lengthIndex)
        } else if let raw = header.rawExtension {
            let body = raw.data.prefix(4 * Int(UInt16.max))
            out.appendBigEndian(raw.profile)
            out.appendBigEndian(UInt16(roundUpToWord(body.count) / 4))
            let bodyStart = out.count
            out.append(contentsOf: body)
            out.padToWordBoundary(from: bodyStart)
        }
    }

    static func roundUpToWord(_ count: Int) -> Int { (count + 3) & ~3 }
}
