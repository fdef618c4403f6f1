#!/usr/bin/env python3
"""Probes what a reader on one mount sees through a descriptor while a writer on another mount renames new files over
the names it reads (S3Spec's overwrite: temp file written, fsynced, fstat stored in an xattr, renamed into place).
Prints how many reads' fstat differed from the writer's stored fstat, and which errors fstat or fgetxattr answered on
an open descriptor (GlusterFS: ESTALE from fgetxattr, docs/replicas.md). A probe of the filesystem; it fails nothing.
Usage: replaced-descriptor.py MOUNT_A MOUNT_B   (a scratch folder is made and removed under MOUNT_A)"""
import collections, errno as E, os, shutil, sys, threading, time, uuid
a, b = sys.argv[1], sys.argv[2]
d = "mtime-probe-" + uuid.uuid4().hex[:6]
os.makedirs(os.path.join(a, d, "tmp")); os.makedirs(os.path.join(a, d, "obj"))
time.sleep(0.3)
mism = []; errs = []; reads = 0; stop = False
def writer():
    for i in range(300):
        t = os.path.join(a, d, "tmp", uuid.uuid4().hex)
        fd = os.open(t, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        os.write(fd, os.urandom(4096 + (i % 3)))
        os.fsync(fd)
        st = os.fstat(fd)
        os.setxattr(fd, "user.probe", f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}".encode())
        os.close(fd)
        os.rename(t, os.path.join(a, d, "obj", f"k{i % 3}"))
def reader():
    global reads
    while not stop:
        for k in range(3):
            try:
                fd = os.open(os.path.join(b, d, "obj", f"k{k}"), os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                st = os.fstat(fd)
                rec = os.getxattr(fd, "user.probe").decode()
                reads += 1
                ino, size, mt = rec.split(":")
                if int(ino) != st.st_ino or int(size) != st.st_size or int(mt) != st.st_mtime_ns:
                    mism.append((rec, st.st_ino, st.st_size, st.st_mtime_ns))
            except OSError as e:
                errs.append(e.errno)
            finally:
                os.close(fd)
w = threading.Thread(target=writer); rs = [threading.Thread(target=reader) for _ in range(2)]
[r.start() for r in rs]; w.start(); w.join(); stop = True; [r.join() for r in rs]
print(f"replaced descriptor: {reads} reads through B during 300 overwrites through A, {len(mism)} whose fstat differs from the writer's fstat stored in the xattr")
print("  errors of fstat/getxattr on an open descriptor:", dict(collections.Counter(E.errorcode.get(x, x) for x in errs)))
for m in mism[:8]:
    rec = m[0].split(":")
    print(f"  record ino {rec[0]} size {rec[1]} mtime {rec[2]}; reader ino {m[1]} size {m[2]} mtime {m[3]} (diff {m[3]-int(rec[2])} ns)")
shutil.rmtree(os.path.join(a, d), ignore_errors=True)
