#!/usr/bin/env python3
"""Hostile UDP flood for Tools/flood: sends COUNT datagrams as fast as it can to HOST:PORT
from its own source port, then prints one JSON line with what it sent.

Four kinds, in equal shares, interleaved (pre-built pools, cycled):
  random       random bytes, 1-1400 long (any first byte, so some look like RTCP, RFC 5761)
  rtp_ssrc     valid RTP headers (V=2, PT 111) with random SSRCs, sequence numbers and payloads
  forged_srtp  valid-looking RTP header + random payload + a random 10-byte auth tag
               (AES_CM_128_HMAC_SHA1_80), with the real stream's SSRC when --learn-ssrc found it
  oversize     valid RTP header, 1,600-4,000 bytes (over the receiver's 1,500 + 32 limit)

--learn-ssrc PORT: before flooding, listen on 127.0.0.1:PORT (the receiver's port + 1, unused
when the receiver runs with --rtcp-mux) for the sender's first RTCP packet and take its SSRC
from the header, which SRTCP leaves in the clear (RFC 3711 3.4): what an on-path attacker sees.
Loopback only: the target must be 127.0.0.1 or ::1.
"""
import argparse
import json
import os
import random
import socket
import struct
import sys
import time

KINDS = ("random", "rtp_ssrc", "forged_srtp", "oversize")


def rtp_header(rng, ssrc):
    seq = rng.getrandbits(16)
    ts = rng.getrandbits(32)
    return struct.pack("!BBHII", 0x80, 111, seq, ts, ssrc)


def build_pool(kind, size, rng, legit_ssrc):
    pool = []
    for _ in range(size):
        if kind == "random":
            datagram = os.urandom(rng.randint(1, 1400))
        elif kind == "rtp_ssrc":
            ssrc = rng.getrandbits(32)
            while ssrc == legit_ssrc:
                ssrc = rng.getrandbits(32)
            datagram = rtp_header(rng, ssrc) + os.urandom(rng.randint(20, 200))
        elif kind == "forged_srtp":
            ssrc = legit_ssrc if legit_ssrc is not None else rng.getrandbits(32)
            datagram = rtp_header(rng, ssrc) + os.urandom(rng.randint(20, 200)) + os.urandom(10)
        else:
            datagram = rtp_header(rng, rng.getrandbits(32)) + os.urandom(rng.randint(1600, 4000) - 12)
        pool.append(datagram)
    return pool


def learn_ssrc(port, timeout):
    """The SSRC in the first RTCP packet that reaches 127.0.0.1:port, or None."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind(("127.0.0.1", port))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data, _ = sock.recvfrom(4096)
            except socket.timeout:
                break
            if len(data) >= 8 and 192 <= data[1] <= 223:
                return struct.unpack("!I", data[4:8])[0]
    except OSError:
        return None
    finally:
        sock.close()
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--to", required=True, help="HOST:PORT or [IPV6]:PORT on loopback")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pool", type=int, default=2048, help="pre-built datagrams per kind")
    parser.add_argument("--learn-ssrc", type=int, metavar="PORT")
    parser.add_argument("--learn-timeout", type=float, default=5.0)
    args = parser.parse_args()

    host, _, port = args.to.rpartition(":")
    host = host.strip("[]")
    if host not in ("127.0.0.1", "::1", "localhost"):
        sys.exit("flood-gen: loopback targets only (127.0.0.1 or ::1)")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    target = (host, int(port))

    legit_ssrc = learn_ssrc(args.learn_ssrc, args.learn_timeout) if args.learn_ssrc else None
    rng = random.Random(args.seed)
    pools = [build_pool(kind, args.pool, rng, legit_ssrc) for kind in KINDS]
    # Interleave the kinds: random, rtp_ssrc, forged_srtp, oversize, random, ...
    schedule = [pool[i] for i in range(args.pool) for pool in pools]

    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    sock.connect(target)
    send = sock.send
    sent = 0
    errors = 0
    full, rest = divmod(args.count, len(schedule))
    start = time.monotonic()
    for chunk in [schedule] * full + [schedule[:rest]]:
        for datagram in chunk:
            try:
                send(datagram)
                sent += 1
            except OSError:
                # ECONNREFUSED (ICMP from a receiver that is not there yet) or ENOBUFS: not sent.
                errors += 1
    seconds = time.monotonic() - start
    sock.close()
    per_kind = {kind: 0 for kind in KINDS}
    # The schedule is round-robin, so each kind's share follows from the count (errors aside).
    for index in range(len(KINDS)):
        per_kind[KINDS[index]] = args.count // len(KINDS) + (1 if index < args.count % len(KINDS) else 0)
    print(json.dumps({
        "sent": sent, "errors": errors, "attempted": args.count, "seconds": round(seconds, 3),
        "per_second": round(sent / seconds) if seconds > 0 else 0, "attempted_by_kind": per_kind,
        "legit_ssrc": None if legit_ssrc is None else f"0x{legit_ssrc:08x}",
    }))


if __name__ == "__main__":
    main()
