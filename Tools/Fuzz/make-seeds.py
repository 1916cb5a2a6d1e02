#!/usr/bin/env python3
"""Writes the seed inputs of Tools/Fuzz/Corpus/<target>/seed-*.

Valid inputs built by hand from the RFCs, so each fuzz target starts past the first checks.
Re-running overwrites the seeds and leaves other files (past crashers, `crash-*`) alone.
Run: python3 Tools/Fuzz/make-seeds.py
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(bytes(data))


def rec(data):
    """16-bit big-endian length prefix (RFC 4571 framing; also the record layout of the
    multi-datagram targets)."""
    return struct.pack(">H", len(data)) + bytes(data)


# --- RTP (RFC 3550 §5.1, RFC 8285 header extensions) ---------------------------------------

def rtp(seq, ts, ssrc=0x11223344, pt=111, payload=b"", marker=False, csrcs=(), ext=None,
        padding=0):
    first = 0x80 | (0x20 if padding else 0) | (0x10 if ext is not None else 0) | len(csrcs)
    out = struct.pack(">BBHII", first, (0x80 if marker else 0) | pt, seq & 0xFFFF,
                      ts & 0xFFFFFFFF, ssrc)
    for c in csrcs:
        out += struct.pack(">I", c)
    if ext is not None:
        profile, body = ext
        body = body + b"\0" * (-len(body) % 4)
        out += struct.pack(">HH", profile, len(body) // 4) + body
    out += payload
    if padding:
        out += b"\0" * (padding - 1) + bytes([padding])
    return out


def one_byte_ext(elements):
    """RFC 8285 one-byte form: (id, data) pairs."""
    body = b"".join(bytes([(i << 4) | (len(d) - 1)]) + d for i, d in elements)
    return (0xBEDE, body)


def two_byte_ext(elements):
    body = b"".join(bytes([i, len(d)]) + d for i, d in elements)
    return (0x1000, body)


NTP64 = struct.pack(">Q", 0xE8F2_3A00_8000_0000)  # RFC 6051 64-bit NTP send time
# Opus TOC 0xF8: config 31 (CELT FB 20 ms), mono, one frame; 0xFC: stereo. Any bytes after a
# CELT TOC decode to something, which is all the receiver path needs.
OPUS_MONO = bytes([0xF8]) + bytes(range(1, 41))
OPUS_STEREO = bytes([0xFC]) + bytes(range(41, 81))
OPUS_SILK = bytes([0x08]) + bytes(range(7, 37))  # config 1: SILK NB 20 ms

write("fuzz-rtp", "minimal", rtp(1, 0, payload=b""))
write("fuzz-rtp", "opus", rtp(1000, 960 * 5, payload=OPUS_MONO, marker=True))
write("fuzz-rtp", "csrc-padding", rtp(7, 123456, csrcs=(1, 2, 3), payload=b"abcd", padding=4))
write("fuzz-rtp", "ext-one-byte", rtp(65535, 0xFFFFFFFF, payload=OPUS_MONO,
                                      ext=one_byte_ext([(1, NTP64), (3, b"\x12\x34\x56")])))
write("fuzz-rtp", "ext-two-byte", rtp(2, 960, payload=b"\x01",
                                      ext=two_byte_ext([(1, NTP64), (200, b""), (17, b"xyz")])))
write("fuzz-rtp", "ext-other-profile", rtp(3, 1920, payload=b"\x02\x03", ext=(0x1234, b"\0" * 8)))

# --- RTCP (RFC 3550 §6.4-6.6, RFC 3611 XR) --------------------------------------------------

def rtcp(pt, count, body, padding=0):
    body = bytes(body)
    if padding:
        body += b"\0" * (padding - 1) + bytes([padding])
    assert len(body) % 4 == 0
    first = 0x80 | (0x20 if padding else 0) | count
    return struct.pack(">BBH", first, pt, len(body) // 4) + body


def report_block(ssrc, lost_fraction=12, cumulative=3, ext_seq=70000, jitter=40, lsr=0x3A008000,
                 dlsr=65536):
    return struct.pack(">IB", ssrc, lost_fraction) + cumulative.to_bytes(3, "big") + struct.pack(
        ">IIII", ext_seq, jitter, lsr, dlsr)


SENDER, RECEIVER = 0x11223344, 0x55667788


def sr(ssrc=SENDER, blocks=()):
    body = struct.pack(">IIIIII", ssrc, 0xE8F23A00, 0x80000000, 48000, 250, 40000)
    return rtcp(200, len(blocks), body + b"".join(blocks))


def rr(ssrc=RECEIVER, blocks=()):
    return rtcp(201, len(blocks), struct.pack(">I", ssrc) + b"".join(blocks))


def sdes(chunks):
    body = b""
    for ssrc, items in chunks:
        chunk = struct.pack(">I", ssrc)
        for kind, text in items:
            chunk += bytes([kind, len(text)]) + text
        chunk += b"\0"
        chunk += b"\0" * (-len(chunk) % 4)
        body += chunk
    return rtcp(202, len(chunks), body)


def bye(ssrcs, reason=None):
    body = b"".join(struct.pack(">I", s) for s in ssrcs)
    if reason is not None:
        body += bytes([len(reason)]) + reason
        body += b"\0" * (-len(body) % 4)
    return rtcp(203, len(ssrcs), body)


def xr(ssrc, blocks):
    return rtcp(207, 0, struct.pack(">I", ssrc) + b"".join(blocks))


def xr_block(bt, type_specific, body):
    return struct.pack(">BBH", bt, type_specific, len(body) // 4) + body


RRTR = xr_block(4, 0, struct.pack(">II", 0xE8F23A00, 0x40000000))
DLRR = xr_block(5, 0, struct.pack(">III", RECEIVER, 0x3A004000, 32768))
VOIP = xr_block(7, 0, struct.pack(">IBBBBHHHHBBBBBBBBBBH", SENDER, 20, 5, 30, 2, 20, 400, 80, 10,
                                  93, 127, 91, 40, 41, 127, 127, 127, 0x0B, 0, 120))
OTHER_XR = xr_block(99, 0, b"\1\2\3\4")

write("fuzz-rtcp", "sr-sdes", sr() + sdes([(SENDER, [(1, b"sender@example.org")])]))
write("fuzz-rtcp", "sr-block-sdes-xr-dlrr",
      sr(blocks=[report_block(RECEIVER)]) + sdes([(SENDER, [(1, b"s@h"), (2, b"name"), (6, b"jb")])])
      + xr(SENDER, [DLRR]))
write("fuzz-rtcp", "rr-sdes-xr-voip-bye",
      rr(blocks=[report_block(SENDER)]) + sdes([(RECEIVER, [(1, b"receiver@example.org")])])
      + xr(RECEIVER, [RRTR, VOIP]) + bye([RECEIVER], b"done"))
write("fuzz-rtcp", "rr-empty-bye-padded", rr() + rtcp(203, 1, struct.pack(">I", SENDER), padding=4))
write("fuzz-rtcp", "sdes-two-chunks-unknown",
      sdes([(1, [(1, b"a")]), (2, [(1, b"bb"), (8, b"\x03prv")])]) + rtcp(204, 0, b"nameDATA")
      + xr(3, [OTHER_XR]))
write("fuzz-rtcp", "reduced-size-bye", bye([1, 2, 3]))

# fuzz-rtcp-session: records of (time step ms, datagram).
write("fuzz-rtcp-session", "sr-then-rr",
      b"\x00" + rec(sr() + sdes([(SENDER, [(1, b"s@h")])]))
      + b"\x14" + rec(rr(blocks=[report_block(RECEIVER)]) + sdes([(RECEIVER, [(1, b"r@h")])])
                      + xr(RECEIVER, [RRTR, VOIP]))
      + b"\x64" + rec(sr(blocks=[report_block(RECEIVER)]) + sdes([(SENDER, [(1, b"s@h")])])
                      + xr(SENDER, [DLRR]))
      + b"\x05" + rec(bye([SENDER], b"bye")))
write("fuzz-rtcp-session", "rr-dlrr",
      b"\x01" + rec(rr(blocks=[report_block(0x22222222)]) + xr(RECEIVER, [RRTR]))
      + b"\x32" + rec(xr(SENDER, [xr_block(5, 0, struct.pack(">III", 0x11111111, 0, 100))])))

# --- RFC 4571 (byte 0: buffer cap choice, byte 1: chunk-size seed, then the stream) ----------

stream = rec(rtp(1, 0, payload=OPUS_MONO)) + rec(b"") + rec(sr()) + rec(rtp(2, 960, payload=OPUS_MONO))
write("fuzz-rfc4571", "three-frames", b"\x00\x07" + stream)
write("fuzz-rfc4571", "partial-tail", b"\x00\x2a" + stream + b"\x01\x00abc")
write("fuzz-rfc4571", "small-cap", b"\x20\x03" + rec(b"x" * 20) + rec(b"y" * 40))

# --- Telemetry payload (Sources/Telemetry/TelemetryPayloadCodec.swift) ------------------

def telemetry(schema_id, samples, channels=None, wide=False):
    """channels: [(type code, name)] for an inline schema, None to reference `schema_id`.
    samples: [(capture µs, packed values)]. Type codes: TelemetryValueType raw values."""
    flags = (0x80 if channels is not None else 0) | (0x40 if wide else 0)
    out = struct.pack(">BBHH", 0xD1, flags, schema_id, len(samples))
    if channels is not None:
        out += bytes([len(channels)])
        for code, name in channels:
            out += bytes([code, len(name)]) + name
    previous = 0
    for index, (capture, values) in enumerate(samples):
        if index == 0 or wide:
            out += struct.pack(">q", capture)
        else:
            out += struct.pack(">i", capture - previous)
        previous = capture
        out += values
    return out


F32, F64, I16, I32, BOOL = 1, 2, 3, 4, 5
IMU = [(F32, b"ax"), (F32, b"ay"), (F32, b"az"), (F64, b"heading"), (I16, b"temp"), (BOOL, b"ok")]


def imu_values(i):
    return struct.pack(">fffdh?", 0.1 * i, -9.81, float("nan") if i == 2 else 0.0, 180.5, -40 + i, i % 2)


T0 = 1_700_000_000_000_000
inline = telemetry(7, [(T0 + i * 10_000, imu_values(i)) for i in range(4)], channels=IMU)
referenced = telemetry(7, [(T0 + 40_000 + i * 10_000, imu_values(i)) for i in range(3)])
wide = telemetry(9, [(T0, struct.pack(">i", 5)), (T0 + 3_000_000_000, struct.pack(">i", -5))],
                 channels=[(I32, b"counter")], wide=True)
empty = telemetry(11, [], channels=[(BOOL, b"flag")])
# Byte 0: registry capacity choice; then records of (sequence step + 8, payload).
write("fuzz-telemetry", "inline-then-referenced", b"\x03" + b"\x09" + rec(inline) + b"\x09" + rec(referenced))
write("fuzz-telemetry", "gap-wide-empty",
      b"\x00" + b"\x09" + rec(inline) + b"\x0c" + rec(wide) + b"\x09" + rec(empty) + b"\x07" + rec(referenced))
write("fuzz-telemetry", "unknown-schema", b"\x01" + b"\x09" + rec(referenced))

# --- --impair specs (grammar in Sources/Impairment/ImpairmentSpec.swift) ---------------------

specs = {
    "basic": "delay=40ms,jitter=10ms,dist=normal,loss=1%",
    "everything": "delay=40ms, jitter=1.5ms ,dist=pareto,inorder,reorder=1%,duplicate=0.5%,"
                  "corrupt=0.1%,rate=1.5mbit,limit=100,seed=42",
    "directions": "delay=10ms,up:loss=5%,down:delay=20ms,up:at=5s:inorder,down:blackhole=1s+1s,"
                  "seed=18446744073709551615",
    "phases": "delay=10ms,at=30s:delay=50ms,at=60s:loss=100%,at=90s:loss=0%",
    "gilbert": "loss=ge:2%/3.5,up:loss=ge:p=1%/r=30%/bad=90%/good=0.01%",
    "rates": "up:rate=64kbit,down:rate=unlimited,rate=1gbit,delay=250us",
    "blackhole": "blackhole=30s+10s,blackhole=0ms+250us,jitter=2s",
}
for name, text in specs.items():
    write("fuzz-impair-spec", name, text.encode())

# --- Receiver path (byte 0: configuration; records of (step, datagram)) ---------------------
# Step byte: bit 7 = second source address, bits 0-6 = milliseconds since the previous one.

def stream_records(count, ssrc=SENDER, payload=OPUS_MONO, step=20, start_seq=5000, ext=True,
                   order=None, second_source=False):
    out = b""
    indexes = order if order is not None else range(count)
    for i in indexes:
        packet = rtp(start_seq + i, 960 * i, ssrc=ssrc, payload=payload,
                     ext=one_byte_ext([(1, NTP64)]) if ext else None)
        out += bytes([(0x80 if second_source else 0) | step]) + rec(packet)
    return out


write("fuzz-receiver", "clean-mono", b"\x00" + stream_records(12))
write("fuzz-receiver", "stereo-48k-pt111", b"\x14" + stream_records(8, payload=OPUS_STEREO))
write("fuzz-receiver", "reordered-loss-16k", b"\x01" + stream_records(
    10, payload=OPUS_SILK, order=[0, 1, 2, 4, 3, 6, 7, 7, 9], ext=False))
write("fuzz-receiver", "rtcp-and-two-sources", b"\x02"
      + stream_records(4)
      + b"\x05" + rec(sr() + sdes([(SENDER, [(1, b"s@h")])]) + xr(SENDER, [DLRR]))
      + stream_records(4, ssrc=0x99, second_source=True, start_seq=1)
      + b"\x05" + rec(bye([SENDER], b"done")))
write("fuzz-receiver", "dtx-then-wrap", b"\x08"
      + stream_records(3, payload=b"\xf8", start_seq=65534)
      + stream_records(3, payload=OPUS_MONO, start_seq=1, step=60))

# --- SRTP (byte 0: suite = value % 3 in SRTPSuite.allCases order, mode = (value // 4) % 5) ----
import base64

media = rtp(42, 960 * 42, payload=OPUS_MONO, ext=one_byte_ext([(1, NTP64)]))
write("fuzz-srtp", "unprotect-rtp", b"\x00" + media + bytes(range(10)))
write("fuzz-srtp", "unprotect-rtcp", b"\x04" + sr() + struct.pack(">I", 0x80000001) + bytes(range(10)))
write("fuzz-srtp", "roundtrip-rtp-gcm", b"\x08" + media)
write("fuzz-srtp", "roundtrip-rtp-aes80", b"\x09" + media)
write("fuzz-srtp", "roundtrip-rtcp-aes32", b"\x0e" + sr() + sdes([(SENDER, [(1, b"s@h")])]))
key30 = base64.b64encode(bytes(range(30))).decode()
key28 = base64.b64encode(bytes(range(28))).decode()
write("fuzz-srtp", "crypto-attribute",
      b"\x10" + f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key30}|2^31\r\n".encode())
write("fuzz-srtp", "crypto-attribute-gcm", b"\x10" + f"crypto:7 AEAD_AES_128_GCM inline:{key28}".encode())
