// Where generated text goes. Lines are batched into ~1 MB strings so a 1 GB file costs a thousand
// write calls and bounded memory.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface Sink {
  write(chunk: string): void;
  close(): void;
}

export class FileSink implements Sink {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: string): void {
    writeSync(this.fd, chunk);
  }

  close(): void {
    closeSync(this.fd);
  }
}

export class MemorySink implements Sink {
  private readonly chunks: string[] = [];

  write(chunk: string): void {
    this.chunks.push(chunk);
  }

  close(): void {}

  text(): string {
    return this.chunks.join('');
  }
}
