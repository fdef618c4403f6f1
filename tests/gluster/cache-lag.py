#!/usr/bin/env python3
"""Probes the features S3Spec uses on a filesystem and how long a change made through one mount takes to be seen
through another (two mounts of one shared filesystem, i.e. two clients with their own caches). Prints one line per
probe; lags are the largest of a few rounds, in seconds, measured after the changing call returned.
Usage: cache-lag.py MOUNT_A MOUNT_B   (a scratch folder is made and removed under each)"""
import ctypes, errno, fcntl, os, shutil, struct, sys, time, uuid

a_root, b_root = sys.argv[1], sys.argv[2]
name = "cache-lag-" + uuid.uuid4().hex[:8]
a, b = os.path.join(a_root, name), os.path.join(b_root, name)
libc = ctypes.CDLL(None, use_errno=True)
ROUNDS, LIMIT = 3, 10.0


def errname(e):
    return errno.errorcode.get(e.errno, str(e.errno))


def feature(label, probe):
    try:
        print(f"feature {label}: {probe()}")
    except OSError as e:
        print(f"feature {label}: {errname(e)}")


def wait(cond):
    start = time.monotonic()
    while not cond():
        if time.monotonic() - start > LIMIT:
            return LIMIT
        time.sleep(0.002)
    return time.monotonic() - start


def exists(path):
    try:
        os.stat(path)
        return True
    except FileNotFoundError:
        return False


def opens(path):
    try:
        fd = os.open(path, os.O_RDONLY)
        os.read(fd, 16)
        os.close(fd)
        return True
    except FileNotFoundError:
        return False


STATX = ctypes.create_string_buffer(256)


def dir_stamp(path, force):
    # statx(AT_FDCWD, path, AT_STATX_FORCE_SYNC or 0, STATX_BASIC_STATS): ctime and mtime (offsets 0x60, 0x70).
    if libc.statx(-100, path.encode(), 0x2000 if force else 0, 0x7FF, STATX) != 0:
        raise OSError(ctypes.get_errno(), "statx")
    return bytes(STATX[0x60:0x80])


def lag(label, setup, change, seen):
    worst = 0.0
    for i in range(ROUNDS):
        state = setup(i)
        change(i, state)
        worst = max(worst, wait(lambda: seen(i, state)))
    print(f"lag {label}: {'timeout ' if worst >= LIMIT else ''}{worst:.3f}")


def write(path, data):
    with open(path, "w") as f:
        f.write(data)


def probes():
    os.makedirs(a)
    write(f"{a}/x", "x")
    feature("user xattr seen through the other mount", lambda: (os.setxattr(f"{a}/x", "user.p", b"v"), os.getxattr(f"{b}/x", "user.p"))[1] == b"v")
    held = open(f"{a}/x")
    fcntl.flock(held, fcntl.LOCK_EX)
    other = open(f"{b}/x")

    def flock_refused():
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return "NOT refused"
        except BlockingIOError:
            return "refused (EWOULDBLOCK)"
    feature("flock held through A, taken through B", flock_refused)
    fcntl.flock(held, fcntl.LOCK_UN)
    held.close(); other.close()

    def ofd():
        fa, fb = os.open(f"{a}/x", os.O_RDWR), os.open(f"{b}/x", os.O_RDWR)
        lock = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 10, 0)
        fcntl.fcntl(fa, 37, lock)  # F_OFD_SETLK
        try:
            fcntl.fcntl(fb, 37, lock)
            return "NOT refused"
        except OSError as e:
            return f"refused ({errname(e)})"
        finally:
            os.close(fa); os.close(fb)
    feature("OFD lock held through A, taken through B", ofd)

    def noreplace():
        write(f"{a}/n1", "n")
        if libc.renameat2(-100, f"{a}/n1".encode(), -100, f"{a}/n2".encode(), 1) != 0:
            raise OSError(ctypes.get_errno(), "renameat2")
        return "ok"
    feature("renameat2(RENAME_NOREPLACE) to a new name", noreplace)
    feature("linkat to an existing name", lambda: os.link(f"{a}/x", f"{a}/x"))
    feature("O_TMPFILE", lambda: (os.close(os.open(a, os.O_TMPFILE | os.O_WRONLY, 0o600)), "ok")[1])

    def cfr():
        s, d = os.open(f"{a}/x", os.O_RDONLY), os.open(f"{a}/copy", os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            return f"ok ({os.copy_file_range(s, d, 1)} byte)"
        finally:
            os.close(s); os.close(d)
    feature("copy_file_range", cfr)
    st = os.statvfs(a)
    print(f"feature statvfs: {st.f_blocks * st.f_frsize // 2**30} GiB, {st.f_bavail * st.f_frsize // 2**30} GiB available")
    now = time.time_ns()
    write(f"{a}/t", "t")
    print(f"feature mtime of a new file minus this clock: {(os.stat(f'{a}/t').st_mtime_ns - now) / 1e9:+.3f} s")

    def stat_all(i):
        write(f"{a}/d{i}", "d")
        os.stat(f"{b}/d{i}"); opens(f"{b}/d{i}")
    lag("a delete through A seen by stat through B", stat_all, lambda i, _: os.unlink(f"{a}/d{i}"), lambda i, _: not exists(f"{b}/d{i}"))
    lag("a delete through A seen by open+read through B", stat_all, lambda i, _: os.unlink(f"{a}/d{i}"), lambda i, _: not opens(f"{b}/d{i}"))
    lag("a new file through A seen by stat through B (after a miss)", lambda i: exists(f"{b}/c{i}"),
        lambda i, _: write(f"{a}/c{i}", "c"), lambda i, _: exists(f"{b}/c{i}"))
    lag("a new file through A seen by readdir through B", lambda i: os.listdir(b),
        lambda i, _: write(f"{a}/l{i}", "l"), lambda i, _: f"l{i}" in os.listdir(b))

    def size_seen(i):
        write(f"{a}/o", "1" * (10 + i)); os.stat(f"{b}/o"); opens(f"{b}/o")

    def overwrite(i, _):
        write(f"{a}/o.tmp", "2" * (100 + i)); os.rename(f"{a}/o.tmp", f"{a}/o")
    lag("an overwrite (rename) through A seen by stat size through B", size_seen, overwrite, lambda i, _: os.stat(f"{b}/o").st_size == 100 + i)
    for force in (False, True):
        lag(f"a new entry through A seen in the directory's mtime/ctime through B ({'statx FORCE_SYNC' if force else 'stat'})",
            lambda i: (time.sleep(1.1), dir_stamp(b, force))[1], lambda i, _: write(f"{a}/m{i}-{force}", "m"),
            lambda i, before: dir_stamp(b, force) != before)


try:
    probes()
finally:
    shutil.rmtree(a, ignore_errors=True)
