#!/usr/bin/env python3
# Usage: python3 loadtest/hj212_tcp_bench.py CONNECTIONS FRAMES_PER_SECOND_EACH SECONDS PORT (against `demo`: its HJ-02 device)
# Throughput of the HJ 212 TCP listener: C connections, each sending R frames/s (below the flood limit) for S seconds;
# every frame asks for a 9014 answer, which the server sends only after the commit. Prints answered frames/s.
import asyncio, sys, time, datetime
C, R, S, PORT = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
MN, PW = "NM100000_0005", "123456"
def crc(b):
    r = 0xFFFF
    for x in b:
        r = (r >> 8) ^ x
        for _ in range(8):
            r = (r >> 1) ^ 0xA001 if r & 1 else r >> 1
    return r
base = datetime.datetime(2026, 1, 1)
def frame(i):
    dt = (base + datetime.timedelta(seconds=i)).strftime("%Y%m%d%H%M%S")
    seg = (f"QN={dt}000;ST=21;CN=2011;PW={PW};MN={MN};Flag=5;CP=&&DataTime={dt};w01001-Rtd=7.2,w01001-Flag=N;"
           f"w01009-Rtd=8.1,w01009-Flag=N;w21003-Rtd=0.31,w21003-Flag=N;w01019-Rtd=3.0,w01019-Flag=N;"
           f"w21011-Rtd=0.05,w21011-Flag=N;w01010-Rtd=12.0,w01010-Flag=N&&").encode()
    return b"##%04d" % len(seg) + seg + b"%04X\r\n" % crc(seg)
answered = 0
async def conn(k):
    global answered
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    async def read():
        global answered
        while True:
            line = await reader.readline()
            if not line:
                return
            answered += 1
    t = asyncio.create_task(read())
    n = R * S
    frames = FRAMES[k]
    start = time.time()
    step = max(1, R // 10)  # a tenth of a second's frames at a time, so no wall-clock second sees a burst
    for i in range(n):
        writer.write(frames[i])
        if i % step == step - 1:
            await writer.drain()
            await asyncio.sleep(max(0, start + (i + 1) / R - time.time()))
    await writer.drain()
    await asyncio.sleep(3)
    writer.close()
FRAMES = [[frame(k * R * S + i) for i in range(R * S)] for k in range(C)]
async def main():
    t0 = time.time()
    await asyncio.gather(*(conn(k) for k in range(C)))
    print(f"sent {C*R*S} answered {answered} in {time.time()-t0-3:.1f}s -> {answered/(time.time()-t0-3):.0f} readings/s")
asyncio.run(main())
