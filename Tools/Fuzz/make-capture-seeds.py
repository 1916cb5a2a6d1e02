#!/usr/bin/env python3
"""Writes the seed inputs of Tools/Fuzz/Corpus/fuzz-capture/seed-*: small capture files built
by hand from the pcap and pcapng specifications (every link type the reader decodes, both
byte orders, nanosecond and 2^-n resolutions, VLAN tags, IPv6 extension headers, RTP over TCP
with reordering and a retransmission, gzip). Re-running overwrites the seeds only.
Run: python3 Tools/Fuzz/make-capture-seeds.py
"""
import gzip
import os
import struct

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus", "fuzz-capture")


def write(name, data):
    os.makedirs(FOLDER, exist_ok=True)
    with open(os.path.join(FOLDER, "seed-" + name), "wb") as f:
        f.write(bytes(data))


def rtp(seq, size=20):
    return struct.pack(">BBHII", 0x80, 96, seq, seq * 160, 0x11223344) + b"\xab" * size


def udp(sport, dport, payload):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(sport, dport, seq, flags, payload):
    return struct.pack(">HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, 1, 0x50, flags, 65535, 0, 0) + payload


def ipv4(proto, body, src=b"\x0a\0\0\x01", dst=b"\x0a\0\0\x02"):
    return struct.pack(">BBHHHBBH", 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0) + src + dst + body


def ipv6(proto, body, ext=b"", first=None):
    src = b"\x20\x01\x0d\xb8" + b"\0" * 11 + b"\x01"
    dst = b"\x20\x01\x0d\xb8" + b"\0" * 11 + b"\x02"
    return struct.pack(">IHBB", 0x60000000, len(ext) + len(body), first if first is not None else proto, 64) + src + dst + ext + body


def ethernet(network, ethertype=0x0800, tags=()):
    out = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01"
    for tpid, vid in tags:
        out += struct.pack(">HH", tpid, vid)
    return out + struct.pack(">H", ethertype) + network


def pcap(linktype, frames, big=False, nsec=False):
    e = ">" if big else "<"
    out = struct.pack(e + "IHHiIII", 0xA1B23C4D if nsec else 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)
    for i, frame in enumerate(frames):
        out += struct.pack(e + "IIII", 1700000000 + i, 1000 * i, len(frame), len(frame)) + frame
    return out


def block(btype, body, big=False):
    e = ">" if big else "<"
    body += b"\0" * (-len(body) % 4)
    return struct.pack(e + "II", btype, 12 + len(body)) + body + struct.pack(e + "I", 12 + len(body))


def shb(big=False):
    e = ">" if big else "<"
    return block(0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1), big)


def idb(linktype, tsresol=None, big=False):
    e = ">" if big else "<"
    body = struct.pack(e + "HHI", linktype, 0, 262144)
    if tsresol is not None:
        body += struct.pack(e + "HHB3x", 9, 1, tsresol)
    return block(1, body + struct.pack(e + "HH", 0, 0), big)


def epb(interface, units, frame, big=False):
    e = ">" if big else "<"
    return block(6, struct.pack(e + "IIIII", interface, units >> 32, units & 0xFFFFFFFF, len(frame), len(frame)) + frame, big)


def spb(frame):
    return block(3, struct.pack("<I", len(frame)) + frame)


v4 = ipv4(17, udp(5004, 6004, rtp(1)))
v6 = ipv6(17, udp(5006, 6006, rtp(2)))
v6ext = ipv6(17, udp(5008, 6008, rtp(3)), ext=b"\x2b\x00" + b"\x01\x04\0\0\0\0" + b"\x11\x00\0\0\0\0\0\0", first=0)

write("pcap-ethernet-vlan", pcap(1, [ethernet(v4), ethernet(v6, 0x86DD), ethernet(v4, tags=[(0x8100, 5)]),
                                     ethernet(v4, tags=[(0x88A8, 1), (0x8100, 2)]), ethernet(b"\0" * 28, 0x0806)]))
write("pcap-be-nsec-sll", pcap(113, [b"\0\0\0\x01\0\x06" + b"\x02" * 8 + b"\x08\x00" + v4], big=True, nsec=True))
write("pcap-sll2", pcap(276, [b"\x86\xdd\0\0\0\0\0\x01\0\x01\0\x06" + b"\x02" * 8 + v6ext]))
write("pcap-raw", pcap(101, [v4, v6, v6ext, ipv4(1, b"\x08\0\0\0\0\0\0\0")]))
write("pcap-null-loop", pcap(0, [struct.pack("<I", 2) + v4, struct.pack(">I", 30) + v6]) )
write("pcap-loop", pcap(108, [struct.pack(">I", 2) + v4, struct.pack(">I", 24) + v6]))
write("pcapng-two-interfaces",
      shb() + idb(1) + idb(101, 0x94) + epb(0, 1700000000123456, ethernet(v4)) + block(4, b"\0\0\0\0")
      + epb(1, (1700000001 << 20) | 12345, v6) + spb(ethernet(v4)) + block(0xBAD, b"\0\0\x7e\x0d\x01\x02"))
write("pcapng-big-endian", shb(True) + idb(229, 9, True) + epb(0, 1700000002000000007, v6, True))

stream = b"".join(struct.pack(">H", len(rtp(i, 10 + 7 * i))) + rtp(i, 10 + 7 * i) for i in range(6))
isn = 0xFFFFFF00
segments = [tcp(40000, 5004, isn, 0x02, b"")]
for offset, length in [(0, 30), (60, 30), (30, 30), (30, 30), (80, 60), (140, len(stream) - 140)]:
    segments.append(tcp(40000, 5004, isn + 1 + offset, 0x18, stream[offset:offset + length]))
segments.append(tcp(40000, 5004, isn + 1 + len(stream), 0x11, b""))
write("pcap-tcp-reorder", pcap(101, [ipv4(6, s) for s in segments]))
write("pcap-tcp-gap-midstream", pcap(101, [ipv4(6, tcp(40000, 5004, 1000 + o, 0x18, stream[o:o + 25]))
                                            for o in range(7, len(stream), 25) if o not in (57, 82)]))
write("gzip-pcap", gzip.compress(pcap(1, [ethernet(v4)] * 3), mtime=0))
