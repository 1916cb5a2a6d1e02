#!/usr/bin/env python3
"""Writes a synthetic RTP capture for Tools/bench-analyze: a nanosecond pcap, Ethernet link
type, PACKETS packets over STREAMS Opus-like streams (UDP 10.0.0.1:4000+k -> 10.0.0.2:5000+k,
20 ms, 48 kHz timestamps, payload type 111, a valid Opus TOC byte), with 1 % loss and
Gaussian jitter (sd 5 ms) from a fixed seed, in arrival order.

    Tools/make-capture.py OUT.pcap PACKETS [STREAMS]
"""
import heapq
import random
import struct
import sys


def main():
    out, packets = sys.argv[1], int(sys.argv[2])
    streams = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    rng = random.Random(18)
    per_stream = packets // streams
    start_ns = 1_700_000_000 * 10**9
    payload = bytes([0x78]) + bytes(range(59))  # TOC: config 15 (hybrid FB 20 ms), mono, 1 frame
    ssrcs = [rng.getrandbits(32) for _ in range(streams)]
    # Arrival events (time, stream, k), merged across streams in time order.
    def arrivals(s):
        offset = rng.randrange(20_000_000)
        for k in range(per_stream):
            if rng.random() < 0.01:
                continue
            yield (start_ns + offset + k * 20_000_000 + max(0, int(rng.gauss(10e6, 5e6))), s, k)
    events = heapq.merge(*[sorted(arrivals(s)) for s in range(streams)])
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
        for t, s, k in events:
            rtp = struct.pack("!BBHII", 0x80, 111, k & 0xFFFF, (k * 960) & 0xFFFFFFFF, ssrcs[s]) + payload
            udp = struct.pack("!HHHH", 4000 + s, 5000 + s, 8 + len(rtp), 0) + rtp
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0,
                             bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
            frame = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip
            f.write(struct.pack("<IIII", t // 10**9, t % 10**9, len(frame), len(frame)) + frame)


if __name__ == "__main__":
    main()
