// Reads a file that someone else may control (a kubeconfig handed in by a student,
// a certificate it names): a regular file only — never a FIFO or a device that
// would block or never end — and no bigger than a cap, checked before reading.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export class FileRefused extends Error {}

export const readRegularFile = (file: string, maxBytes: number): Buffer => {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileRefused(`${file} is not a regular file`);
    if (stat.size > maxBytes) throw new FileRefused(`${file} is ${stat.size} bytes, more than the ${maxBytes} bytes tp reads`);
    // Read one byte more than the cap: a file that grew after fstat is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw new FileRefused(`${file} is more than the ${maxBytes} bytes tp reads`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
};
