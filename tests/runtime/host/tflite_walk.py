#!/usr/bin/env python3
"""Independent walk of .tflite flatbuffers with struct.unpack: the oracle for the facts in
tests/runtime/host/test_tflite_reader.cpp (op lists and options, I/O quantization, constant tensors and
their byte positions). Field slots transcribed from tensorflow/lite/schema/schema.fbs; no
flatbuffers or TensorFlow package needed.

  python3 tests/runtime/host/tflite_walk.py MODEL.tflite...          # ops, I/O, options
  python3 tests/runtime/host/tflite_walk.py --facts MODEL.tflite...  # constant counts, op 0's constants
"""
import struct, sys

OPS = {0:'ADD',1:'AVERAGE_POOL_2D',2:'CONCATENATION',3:'CONV_2D',4:'DEPTHWISE_CONV_2D',6:'DEQUANTIZE',
       9:'FULLY_CONNECTED',14:'LOGISTIC',17:'MAX_POOL_2D',18:'MUL',19:'RELU',21:'RELU6',22:'RESHAPE',
       25:'SOFTMAX',28:'TANH',32:'CUSTOM',34:'PAD',40:'MEAN',43:'SQUEEZE',114:'QUANTIZE'}
TYPES = {0:'f32',1:'f16',2:'i32',3:'u8',4:'i64',7:'i16',9:'i8'}

class FB:
    def __init__(s, b): s.b = b
    def u8(s, o): return s.b[o]
    def i8(s, o): return struct.unpack_from('<b', s.b, o)[0]
    def u16(s, o): return struct.unpack_from('<H', s.b, o)[0]
    def i32(s, o): return struct.unpack_from('<i', s.b, o)[0]
    def u32(s, o): return struct.unpack_from('<I', s.b, o)[0]
    def field(s, t, i):
        vt = t - s.i32(t)
        vsz = s.u16(vt)
        if 4 + 2 * i >= vsz: return None
        off = s.u16(vt + 4 + 2 * i)
        return t + off if off else None
    def sc(s, t, i, fmt, d):
        p = s.field(t, i)
        return d if p is None else struct.unpack_from('<' + fmt, s.b, p)[0]
    def ref(s, t, i):
        p = s.field(t, i)
        return None if p is None else p + s.u32(p)
    def vec(s, t, i):
        p = s.ref(t, i)
        if p is None: return None
        return (s.u32(p), p + 4)
    def tables(s, t, i):
        v = s.vec(t, i)
        if v is None: return []
        n, st = v
        return [st + 4 * k + s.u32(st + 4 * k) for k in range(n)]
    def scal(s, t, i, fmt, size):
        v = s.vec(t, i)
        if v is None: return None
        n, st = v
        return [struct.unpack_from('<' + fmt, s.b, st + size * k)[0] for k in range(n)]
    def string(s, t, i):
        v = s.vec(t, i)
        if v is None: return None
        n, st = v
        return s.b[st:st + n].decode('utf-8', 'replace')

def walk(path):
    b = open(path, 'rb').read()
    f = FB(b)
    root = f.u32(0)
    print(path, 'ident', b[4:8], 'version', f.sc(root, 0, 'I', 0), 'desc', repr(f.string(root, 3)))
    codes = []
    for oc in f.tables(root, 1):
        dep = f.sc(oc, 0, 'b', 0); bc = f.sc(oc, 3, 'i', 0)
        codes.append((max(dep, bc), f.string(oc, 1), f.sc(oc, 2, 'i', 1)))
    subs = f.tables(root, 2)
    bufs = f.tables(root, 4)
    print(' subgraphs', len(subs), 'buffers', len(bufs), 'opcodes', codes)
    sg = subs[0]
    tensors = f.tables(sg, 0)
    def tinfo(k):
        t = tensors[k]
        q = f.ref(t, 4)
        qs = None
        if q is not None:
            qs = (f.scal(q, 2, 'f', 4), f.scal(q, 3, 'q', 8), f.sc(q, 6, 'i', 0))
            if qs[0] and len(qs[0]) > 3: qs = ('n=%d' % len(qs[0]), qs[0][:2], qs[1][:2], qs[2])
        bi = f.sc(t, 2, 'I', 0)
        dl = None
        if bi < len(bufs):
            d = f.vec(bufs[bi], 0)
            dl = d[0] if d else 0
        return '%s %s%s buf=%d(%s B) q=%s' % (f.string(t, 3), TYPES.get(f.sc(t, 1, 'b', 0)), f.scal(t, 0, 'i', 4), bi, dl, qs)
    ins = f.scal(sg, 1, 'i', 4); outs = f.scal(sg, 2, 'i', 4)
    print(' tensors', len(tensors), 'inputs', ins, 'outputs', outs, 'name', f.string(sg, 4))
    for k in ins: print('  IN ', k, tinfo(k))
    for k in outs: print('  OUT', k, tinfo(k))
    ops = f.tables(sg, 3)
    hist = {}
    for j, op in enumerate(ops):
        oi = f.sc(op, 0, 'I', 0)
        code = codes[oi][0]
        name = OPS.get(code, str(code))
        hist[name] = hist.get(name, 0) + 1
        ot = f.sc(op, 3, 'B', 0)
        opt = f.ref(op, 4)
        desc = ''
        if opt is not None:
            if ot == 1:  # Conv2D
                desc = 'pad=%d sw=%d sh=%d act=%d dw=%d dh=%d' % (f.sc(opt,0,'b',0), f.sc(opt,1,'i',0), f.sc(opt,2,'i',0), f.sc(opt,3,'b',0), f.sc(opt,4,'i',1), f.sc(opt,5,'i',1))
            elif ot == 2:
                desc = 'pad=%d sw=%d sh=%d dm=%d act=%d dw=%d dh=%d' % (f.sc(opt,0,'b',0), f.sc(opt,1,'i',0), f.sc(opt,2,'i',0), f.sc(opt,3,'i',0), f.sc(opt,4,'b',0), f.sc(opt,5,'i',1), f.sc(opt,6,'i',1))
            elif ot == 5:
                desc = 'pad=%d sw=%d sh=%d fw=%d fh=%d act=%d' % tuple(f.sc(opt,k,'i' if 0<k<5 else 'b',0) for k in range(6))
            elif ot == 8:
                desc = 'act=%d wf=%d keep=%d' % (f.sc(opt,0,'b',0), f.sc(opt,1,'b',0), f.sc(opt,2,'B',0))
            elif ot == 9:
                desc = 'beta=%g' % f.sc(opt,0,'f',0.0)
            elif ot == 10:
                desc = 'axis=%d act=%d' % (f.sc(opt,0,'i',0), f.sc(opt,1,'b',0))
            elif ot in (11, 21):
                desc = 'act=%d' % f.sc(opt,0,'b',0)
            elif ot == 17:
                desc = 'new_shape=%s' % f.scal(opt,0,'i',4)
            elif ot == 27:
                desc = 'keep_dims=%d' % f.sc(opt,0,'B',0)
            elif ot == 30:
                desc = 'squeeze_dims=%s' % f.scal(opt,0,'i',4)
        print('  op %d %s v%d in=%s out=%s opt_type=%d %s' % (j, name, codes[oi][2], f.scal(op,1,'i',4), f.scal(op,2,'i',4), ot, desc))
    print(' histogram', sorted(hist.items()))


def facts(path):
    b = open(path, 'rb').read()
    f = FB(b)
    root = f.u32(0)
    bufs = f.tables(root, 4)
    sg = f.tables(root, 2)[0]
    tensors = f.tables(sg, 0)
    nconst = 0; total = 0
    for t in tensors:
        bi = f.sc(t, 2, 'I', 0)
        d = f.vec(bufs[bi], 0)
        if d and d[0]:
            nconst += 1; total += d[0]
    print(path, 'tensors', len(tensors), 'const', nconst, 'const_bytes', total)
    ops = f.tables(sg, 3)
    op = ops[0]
    ins = f.scal(op, 1, 'i', 4)
    for k in ins[1:]:
        t = tensors[k]
        bi = f.sc(t, 2, 'I', 0)
        d = f.vec(bufs[bi], 0)
        q = f.ref(t, 4)
        sc = f.scal(q, 2, 'f', 4) if q else None
        zp = f.scal(q, 3, 'q', 8) if q else None
        qd = f.sc(q, 6, 'i', 0) if q else None
        print('  op0 input', k, f.string(t, 3), TYPES.get(f.sc(t,1,'b',0)), f.scal(t,0,'i',4), 'bytes', d[0] if d else 0,
              'first', list(struct.unpack_from('<4b', b, d[1])) if d and d[0] >= 4 else None,
              'datapos', d[1] if d else None,
              'nscale', len(sc) if sc else 0, 'scale0', sc[0] if sc else None, 'zp0', zp[0] if zp else None, 'qd', qd,
              'sig', f.scal(t, 7, 'i', 4), 'var', f.sc(t, 5, 'B', 0))

if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--facts':
        for p in sys.argv[2:]:
            facts(p)
    else:
        for p in sys.argv[1:]:
            walk(p)
