#!/usr/bin/env python3
"""Races exclusive creates of one name through several mounts of one shared filesystem, the way S3Spec publishes
an If-None-Match: * PUT, and counts the winners of each round (exactly one is right). Each variant isolates one
primitive, so a failure names the layer that broke:
  link            no lock: link(temp, name) alone (is link atomic against a name another client creates?)
  flock-new-file  what S3Spec did before: a lock file per name, created by whoever comes first (O_CREAT), flock,
                  then a check that the name is absent and the link
  ofd-range       what S3Spec does (src/S3Spec.Storage/Writing/KeyLock.cs): one lock file made before the race, an
                  OFD write lock on a byte chosen by the name, the check, the link, an explicit unlock
  new-dir         as flock-new-file, into a directory that every contender creates (mkdir) at the start of the race,
                  as the first PUTs under a new prefix do
Prints one line per variant: rounds, rounds with more than one winner, rounds with none. Exits 1 when a variant
that S3Spec relies on (the one named by --expect) had a round without exactly one winner.
Usage: create-race.py ROUNDS MOUNT... [--expect VARIANT]   (a scratch folder is made and removed)"""
import fcntl, hashlib, multiprocessing as mp, os, shutil, struct, sys, uuid

args = sys.argv[1:]
expect = None
if "--expect" in args:
    i = args.index("--expect")
    expect = args[i + 1]
    del args[i:i + 2]
rounds, mounts = int(args[0]), args[1:]
PER_MOUNT = 3
scratch = "create-race-" + uuid.uuid4().hex[:8]


def lock_range(fd, name):
    offset = int.from_bytes(hashlib.sha256(name.encode()).digest()[:6], "big")
    fcntl.fcntl(fd, fcntl.F_OFD_SETLKW, struct.pack("hhqqi", fcntl.F_WRLCK, 0, offset, 1, 0))


def unlock_range(fd, name):
    offset = int.from_bytes(hashlib.sha256(name.encode()).digest()[:6], "big")
    fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi", fcntl.F_UNLCK, 0, offset, 1, 0))


def absent(path):
    try:
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        return False
    except FileNotFoundError:
        return True


def contender(variant, root, name, barrier, wins):
    base = os.path.join(root, scratch)
    temp = os.path.join(base, "tmp", uuid.uuid4().hex)
    with open(temp, "wb") as f:
        f.write(os.urandom(4096))
        os.fsync(f.fileno())
    target = os.path.join(base, "objects", name)
    barrier.wait()
    if variant == "new-dir":
        target = os.path.join(base, "objects", name + ".d", "object")
        try:
            os.mkdir(os.path.dirname(target))
        except FileExistsError:
            pass
    fd = None
    try:
        if variant in ("flock-new-file", "new-dir"):
            path = os.path.join(base, "locks", hashlib.sha256(name.encode()).hexdigest())
            while True:
                fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
                fcntl.flock(fd, fcntl.LOCK_EX)
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    break
                os.close(fd)
        elif variant == "ofd-range":
            fd = os.open(os.path.join(base, "range.lock"), os.O_RDWR)
            lock_range(fd, name)
        if variant != "link" and not absent(target):
            return
        try:
            os.link(temp, target)
            with wins.get_lock():
                wins.value += 1
        except FileExistsError:
            pass
    finally:
        if fd is not None:
            if variant == "ofd-range":
                unlock_range(fd, name)
            os.close(fd)
        os.unlink(temp)


def main():
    base0 = os.path.join(mounts[0], scratch)
    for sub in ("tmp", "objects", "locks"):
        os.makedirs(os.path.join(base0, sub))
    open(os.path.join(base0, "range.lock"), "wb").close()
    failed = False
    try:
        for variant in ("link", "flock-new-file", "ofd-range", "new-dir"):
            many = none = 0
            for r in range(rounds):
                name = f"{variant}-{r}.bin"
                barrier = mp.Barrier(PER_MOUNT * len(mounts))
                wins = mp.Value("i", 0)
                procs = [mp.Process(target=contender, args=(variant, m, name, barrier, wins))
                         for m in mounts for _ in range(PER_MOUNT)]
                for p in procs:
                    p.start()
                for p in procs:
                    p.join()
                count = wins.value
                many += count > 1
                none += count == 0
            print(f"create race {variant}: {rounds} rounds of {PER_MOUNT * len(mounts)} through {len(mounts)} mounts, "
                  f"{many} with more than one winner, {none} with none")
            if variant == expect and (many or none):
                failed = True
    finally:
        shutil.rmtree(base0, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
