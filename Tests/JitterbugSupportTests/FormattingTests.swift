import JitterbugSupport
import Testing

@Suite struct FormattingTests {
    @Test func fixedDecimalsRoundHalfAwayWithoutNegativeZero() {
        #expect(2.675.formatted(decimals: 1) == "2.7")
        #expect((-0.004).formatted(decimals: 2) == "0.00")
        #expect((-1.5).formatted(decimals: 0) == "-2")
        #expect(0.05.formatted(decimals: 3) == "0.050")
        #expect(Double.nan.formatted(decimals: 2) == "nan")
        #expect((-Double.infinity).formatted(decimals: 2) == "-inf")
        // Beyond Int64's range the text falls back to `description` instead of trapping.
        #expect(1e300.formatted(decimals: 2) == "1e+300")
        #expect(9.3e15.formatted(decimals: 0) == "9.3e+15")
    }

    @Test func integerFixedPointIsExact() {
        #expect(12_345.fixedPointText(fractionDigits: 3) == "12.345")
        #expect((-250).fixedPointText(fractionDigits: 3) == "-0.250")
        #expect(0.fixedPointText(fractionDigits: 3) == "0.000")
        #expect(50_000.fixedPointText(fractionDigits: 4, trimmingTrailingZeros: true) == "5")
        #expect(5_000.fixedPointText(fractionDigits: 4, trimmingTrailingZeros: true) == "0.5")
        #expect(1.fixedPointText(fractionDigits: 4, trimmingTrailingZeros: true) == "0.0001")
        #expect(Int64.min.fixedPointText(fractionDigits: 0) == "-9223372036854775808")
    }

    @Test func paddingAndHex() {
        #expect("ab".padded(left: 4) == "  ab")
        #expect("ab".padded(right: 4) == "ab  ")
        #expect("abcdef".padded(left: 4) == "abcdef")
        #expect(UInt32(0xBEEF).hex == "0x0000beef")
    }
}
