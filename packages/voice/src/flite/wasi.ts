/**
 * The few WASI (preview 1) calls the Flite command-line program makes, served from memory so
 * the same code runs in Node and in a browser Worker: arguments in, one output file out, no
 * real file system, no clock (time reads as 0 so every run is identical).
 */

import type { WasmImports, WasmMemory } from "./wasm";

const ESUCCESS = 0;
const EBADF = 8;
const ENOENT = 44;

/** Thrown by proc_exit to unwind out of `_start`. */
export class WasiExit {
  constructor(readonly code: number) {}
}

const ROOT_FD = 3;

export interface WasiRun {
  readonly imports: WasmImports;
  /** Call after instantiation, before `_start`. */
  bind(memory: WasmMemory): void;
  /** Forget files and output and take new arguments, for the next `_start`. */
  reset(args: readonly string[]): void;
  /** Whether the program called proc_exit (a clean return from `_start` does not). */
  readonly exited: () => boolean;
  /** Bytes written to the file opened at `path`, or undefined if it was never written. */
  file(path: string): Uint8Array | undefined;
  readonly stderr: () => string;
}

interface OpenFile {
  readonly path: string;
  pos: number;
}

class GrowingBytes {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  writeAt(pos: number, src: Uint8Array): void {
    const end = pos + src.length;
    if (end > this.bytes.length) {
      let size = this.bytes.length;
      while (size < end) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
    this.bytes.set(src, pos);
    if (end > this.length) this.length = end;
  }
}

export function createWasi(args: readonly string[]): WasiRun {
  let memory: WasmMemory | undefined;
  const encoder = new TextEncoder();
  let encodedArgs = args.map((a) => encoder.encode(`${a}\0`));
  let exited = false;
  const files = new Map<string, GrowingBytes>();
  const open = new Map<number, OpenFile>();
  let nextFd = ROOT_FD + 1;
  let stderr = "";
  const decoder = new TextDecoder();

  const view = (): DataView => {
    if (!memory) throw new Error("WASI memory not bound");
    return new DataView(memory.buffer);
  };
  const bytes = (ptr: number, len: number): Uint8Array => {
    if (!memory) throw new Error("WASI memory not bound");
    return new Uint8Array(memory.buffer, ptr, len);
  };

  const imports: WasmImports = {
    args_sizes_get(countPtr: number, sizePtr: number): number {
      const v = view();
      v.setUint32(countPtr, encodedArgs.length, true);
      v.setUint32(
        sizePtr,
        encodedArgs.reduce((s, a) => s + a.length, 0),
        true,
      );
      return ESUCCESS;
    },
    args_get(argvPtr: number, bufPtr: number): number {
      const v = view();
      let p = bufPtr;
      encodedArgs.forEach((a, i) => {
        v.setUint32(argvPtr + i * 4, p, true);
        bytes(p, a.length).set(a);
        p += a.length;
      });
      return ESUCCESS;
    },
    clock_time_get(_id: number, _precision: bigint, timePtr: number): number {
      view().setBigUint64(timePtr, 0n, true);
      return ESUCCESS;
    },
    fd_close(fd: number): number {
      return open.delete(fd) || fd <= ROOT_FD ? ESUCCESS : EBADF;
    },
    fd_fdstat_get(fd: number, ptr: number): number {
      const v = view();
      const type = fd <= 2 ? 2 : fd === ROOT_FD ? 3 : open.has(fd) ? 4 : -1;
      if (type < 0) return EBADF;
      v.setUint8(ptr, type);
      v.setUint16(ptr + 2, 0, true);
      v.setBigUint64(ptr + 8, 0xffffffffffffffffn, true);
      v.setBigUint64(ptr + 16, 0xffffffffffffffffn, true);
      return ESUCCESS;
    },
    fd_fdstat_set_flags(): number {
      return ESUCCESS;
    },
    fd_prestat_get(fd: number, ptr: number): number {
      if (fd !== ROOT_FD) return EBADF;
      const v = view();
      v.setUint8(ptr, 0);
      v.setUint32(ptr + 4, 1, true);
      return ESUCCESS;
    },
    fd_prestat_dir_name(fd: number, ptr: number, len: number): number {
      if (fd !== ROOT_FD || len < 1) return EBADF;
      bytes(ptr, 1)[0] = 0x2f; // "/"
      return ESUCCESS;
    },
    fd_read(_fd: number, _iovs: number, _iovsLen: number, nreadPtr: number): number {
      view().setUint32(nreadPtr, 0, true);
      return ESUCCESS;
    },
    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number): number {
      const f = open.get(fd);
      if (!f) return fd <= 2 ? ESUCCESS : EBADF;
      const size = files.get(f.path)?.length ?? 0;
      const base = whence === 0 ? 0 : whence === 1 ? f.pos : size;
      f.pos = base + Number(offset);
      view().setBigUint64(newOffsetPtr, BigInt(f.pos), true);
      return ESUCCESS;
    },
    fd_write(fd: number, iovs: number, iovsLen: number, nwrittenPtr: number): number {
      const v = view();
      let total = 0;
      const f = open.get(fd);
      if (!f && fd !== 1 && fd !== 2) return EBADF;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = v.getUint32(iovs + i * 8, true);
        const len = v.getUint32(iovs + i * 8 + 4, true);
        const chunk = bytes(ptr, len);
        if (f) {
          files.get(f.path)?.writeAt(f.pos, chunk.slice());
          f.pos += len;
        } else if (fd === 2 && stderr.length < 4096) {
          stderr += decoder.decode(chunk);
        }
        total += len;
      }
      v.setUint32(nwrittenPtr, total, true);
      return ESUCCESS;
    },
    path_open(
      dirFd: number,
      _dirFlags: number,
      pathPtr: number,
      pathLen: number,
      oflags: number,
      _rightsBase: bigint,
      _rightsInheriting: bigint,
      _fdFlags: number,
      fdPtr: number,
    ): number {
      if (dirFd !== ROOT_FD) return EBADF;
      const path = decoder.decode(bytes(pathPtr, pathLen).slice());
      const create = (oflags & 1) !== 0;
      if (!files.has(path)) {
        if (!create) return ENOENT;
        files.set(path, new GrowingBytes());
      }
      if ((oflags & 8) !== 0) {
        const file = files.get(path);
        if (file) file.length = 0;
      }
      const fd = nextFd++;
      open.set(fd, { path, pos: 0 });
      view().setUint32(fdPtr, fd, true);
      return ESUCCESS;
    },
    proc_exit(code: number): never {
      exited = true;
      throw new WasiExit(code);
    },
  };

  return {
    imports,
    bind(m) {
      memory = m;
    },
    reset(next) {
      encodedArgs = next.map((a) => encoder.encode(`${a}\0`));
      files.clear();
      open.clear();
      nextFd = ROOT_FD + 1;
      stderr = "";
      exited = false;
    },
    exited: () => exited,
    file(path) {
      const f = files.get(path.replace(/^\//, ""));
      return f ? f.bytes.slice(0, f.length) : undefined;
    },
    stderr: () => stderr,
  };
}
