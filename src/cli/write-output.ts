// Writes a report file atomically: a reader never sees half a report.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const writeFileAtomic = async (file: string, text: string): Promise<void> => {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
};
