/**
 * Batches many small writes into few large ones: one write per line would dominate the time of a 1 GB parse.
 * stdout to a file or a pipe is synchronous on Linux, so flushing blocks instead of queueing unbounded memory.
 */
export class OutputBuffer {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: (s: string) => void, private readonly limit = 1 << 20) {}

  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
