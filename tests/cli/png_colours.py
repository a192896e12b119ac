"""Counts the distinct colours of a PNG (8-bit RGB/RGBA, non-interlaced, as
PLplot's cairo driver writes them), decoding it with zlib alone.
Usage: png_colours.py FILE [RRGGBB...] -> prints "WIDTHxHEIGHT N" (N distinct
colours); with colours given, exits 1 unless each is in the picture."""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def main(path, want=()):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('not a PNG')
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit('unsupported PNG kind')
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours, i = bytearray(stride), set(), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            line[x] = (line[x] + (0, a, b, (a + b) // 2, paeth(a, b, c))[f]) & 255
        colours.update(bytes(line[x:x + bpp]) for x in range(0, stride, bpp))
        prev = line
    print('%dx%d %d' % (w, h, len(colours)))
    rgb = {c[:3] for c in colours}
    missing = [x for x in want if bytes.fromhex(x) not in rgb]
    if missing:
        sys.exit('colours not in %s: %s' % (path, ' '.join(missing)))


main(sys.argv[1], sys.argv[2:])
