"""Lists the GPU code in a shared library's .nv_fatbin section: (kind, sm) -> count of entries.

    readelf -S -W libnd4jcuda.so | grep nv_fatbin      # gives the section's offset and size (hex)
    python3 fatbin_archs.py libnd4jcuda.so OFFSET SIZE

Used to check which architectures nd4j-cuda-11.6 (1.0.0-M2.1) carries: SASS for sm_37..sm_86, no PTX.
"""
import struct, sys, collections
f = sys.argv[1]
data = open(f, 'rb').read()
# locate .nv_fatbin section via readelf-provided offset/size
off, size = int(sys.argv[2], 16), int(sys.argv[3], 16)
sec = data[off:off+size]
p = 0; counts = collections.Counter(); containers = 0
while p + 16 <= len(sec):
    magic, ver, hsize, fsize = struct.unpack_from('<IHHQ', sec, p)
    if magic != 0xBA55ED50:
        p += 8; continue
    containers += 1
    q = p + hsize; end = p + hsize + fsize
    while q + 32 <= end:
        kind, ev, ehs, padded = struct.unpack_from('<HHII', sec, q)
        sm = struct.unpack_from('<I', sec, q + 28)[0]
        counts[('PTX' if kind == 1 else 'SASS' if kind == 2 else kind, sm)] += 1
        if ehs == 0: break
        q += ehs + padded
    p = end
print('containers', containers)
for k, v in sorted(counts.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])): print(k, v)
