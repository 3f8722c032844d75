import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Follows a file another process appends lines to (aider's analytics log): `poll()` hands over each complete new
 * line once. A file that does not exist yet is simply empty.
 */
export function followFile(input: { path: string; onLine: (line: string) => void }): { poll(): void } {
  let offset = 0;
  let partial = '';
  const buffer = Buffer.alloc(64 * 1024);
  // Keeps a character split across two reads whole.
  const decoder = new StringDecoder('utf8');
  return {
    poll: () => {
      let fd: number;
      try {
        fd = openSync(input.path, 'r');
      } catch {
        return;
      }
      try {
        let read: number;
        while ((read = readSync(fd, buffer, 0, buffer.length, offset)) > 0) {
          offset += read;
          partial += decoder.write(buffer.subarray(0, read));
          const lines = partial.split('\n');
          partial = lines.pop() ?? '';
          lines.forEach((line) => input.onLine(line));
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}
