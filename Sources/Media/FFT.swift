import Foundation

/// In-place iterative radix-2 complex FFT, used only to find a coarse spectral peak.
enum FFT {
    /// Transforms `real`/`imaginary` in place; both must have the same power-of-two length.
    static func transform(real: inout [Double], imaginary: inout [Double]) {
        let n = real.count
        guard n > 1, n & (n - 1) == 0, imaginary.count == n else { return }
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                // Bit-reversal permutation.
                var j = 0
                for i in 1..<n {
                    var bit = n >> 1
                    while j & bit != 0 {
                        j ^= bit
                        bit >>= 1
                    }
                    j |= bit
                    if i < j {
                        re.swapAt(i, j)
                        im.swapAt(i, j)
                    }
                }
                var length = 2
                while length <= n {
                    let angle = -2 * Double.pi / Double(length)
                    let stepRe = cos(angle), stepIm = sin(angle)
                    var start = 0
                    while start < n {
                        var wRe = 1.0, wIm = 0.0
                        for k in 0..<(length / 2) {
                            let a = start + k, b = a + length / 2
                            let tRe = re[b] * wRe - im[b] * wIm
                            let tIm = re[b] * wIm + im[b] * wRe
                            re[b] = re[a] - tRe
                            im[b] = im[a] - tIm
                            re[a] += tRe
                            im[a] += tIm
                            let nextRe = wRe * stepRe - wIm * stepIm
                            wIm = wRe * stepIm + wIm * stepRe
                            wRe = nextRe
                        }
                        start += length
                    }
                    length <<= 1
                }
            }
        }
    }

    /// Smallest power of two ≥ `n` (at least 1).
    static func paddedLength(_ n: Int) -> Int {
        var size = 1
        while size < n { size <<= 1 }
        return size
    }
}
